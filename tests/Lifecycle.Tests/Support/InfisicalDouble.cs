using System.Text.Json;

namespace Lifecycle.Tests.Support;

/// <summary>
/// Puts the Infisical test double (Doubles/infisical, a recording stand-in for the real CLI) first on PATH, with
/// the secrets it serves per environment and a log of every invocation.
/// </summary>
public sealed class InfisicalDouble : IDisposable
{
    private readonly EnvironmentScope _environment = new();
    private readonly string _folder;

    public InfisicalDouble(bool loggedIn = true)
    {
        if (Build.Tools.ExecutableSearch.OnPath("python3") is null)
        {
            Assert.Ignore(
                "The Infisical test double is a python3 script and python3 is not installed (apt-get install python3)."
            );
        }
        _folder = Directory.CreateTempSubdirectory("infisical-double-").FullName;
        var bin = Directory.CreateDirectory(Path.Combine(_folder, "bin")).FullName;
        File.Copy(Path.Combine(TestPaths.Doubles, "infisical"), Path.Combine(bin, "infisical"));
        File.SetUnixFileMode(
            Path.Combine(bin, "infisical"),
            (UnixFileMode)Convert.ToInt32("755", 8)
        );
        Directory.CreateDirectory(SecretsFolder);
        _environment
            .Set("PATH", bin + ":" + Environment.GetEnvironmentVariable("PATH"))
            .Set("INFISICAL_DOUBLE_LOG", LogFile)
            .Set("INFISICAL_DOUBLE_SECRETS", SecretsFolder)
            .Set("INFISICAL_DOUBLE_LOGGED_IN", loggedIn ? "true" : "false")
            .Set("INFISICAL_TOKEN", null)
            .Set("INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN", null)
            .Set("INFISICAL_PROJECT_ID", null);
    }

    public string LogFile => Path.Combine(_folder, "invocations.log");
    public string SecretsFolder => Path.Combine(_folder, "secrets");

    public InfisicalDouble Serve(string environment, Dictionary<string, string> secrets)
    {
        File.WriteAllText(
            Path.Combine(SecretsFolder, environment + ".json"),
            JsonSerializer.Serialize(secrets)
        );
        return this;
    }

    public InfisicalDouble Set(string name, string? value)
    {
        _environment.Set(name, value);
        return this;
    }

    /// <summary>Every recorded invocation's arguments.</summary>
    public IReadOnlyList<string[]> Invocations =>
        File.Exists(LogFile)
            ? File.ReadAllLines(LogFile)
                .Select(l => JsonSerializer.Deserialize<string[]>(l)!)
                .ToArray()
            : [];

    public void Dispose()
    {
        _environment.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}

public static class TestPaths
{
    public static string Root { get; } =
        Build.BuildPaths.FindRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("repository root not found");

    public static string Tests => Path.Combine(Root, "tests", "Lifecycle.Tests");
    public static string Doubles => Path.Combine(Tests, "Doubles");
    public static string TestServer => Path.Combine(Tests, "TestServer");
}
