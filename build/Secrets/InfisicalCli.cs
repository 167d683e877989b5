using System.Text.Json;
using Build.Docker;
using Build.Host;
using Build.Tools;

namespace Build.Secrets;

/// <summary>
/// The Infisical CLI, used two ways with the same arguments: <c>export --format=json</c> (values read into memory
/// only, for EnvCheck and the preflight) and <c>run ... -- &lt;command&gt;</c> (the command gets the secrets in its own
/// environment, nothing is written to disk). The same code drives the real CLI and the tests' double.
/// </summary>
public sealed class InfisicalCli(CommandRunner runner, InfisicalSettings settings)
{
    public const string Executable = "infisical";
    public const string SecretPath = "/lgtm";

    public InfisicalSettings Settings => settings;

    /// <summary>Checks what can be checked without the network: CLI installed, project known, token + project id.</summary>
    public void Preflight()
    {
        if (ExecutableSearch.OnPath(Executable) is null)
        {
            throw new BuildException(
                "The Infisical CLI is not installed: install it (https://infisical.com/docs/cli/overview), or use --secrets=local for a dev stack."
            );
        }
        if (settings.ProjectId is null && !settings.HasProjectFile)
        {
            throw new BuildException(InfisicalErrors.NotInitialised(settings.Root));
        }
        if (settings.UsesToken && settings.ProjectId is null)
        {
            throw new BuildException(InfisicalErrors.ProjectIdRequired);
        }
    }

    /// <summary>Arguments shared by run and export: environment slug, folder and (with a token) the project id.</summary>
    public IReadOnlyList<string> CommonArguments() =>
        [
            $"--env={settings.Environment}",
            $"--path={SecretPath}",
            .. settings.UsesToken || settings.ProjectIdFromEnvironment
                ? new[] { $"--projectId={settings.ProjectId}" }
                : [],
        ];

    /// <summary>Every secret Infisical returns for the environment and <c>/lgtm</c> (imports included), in memory.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ExportAsync(
        CancellationToken cancellation
    )
    {
        Preflight();
        var result = await runner.RunAsync(
            new CommandSpec(Executable, ["export", "--format=json", .. CommonArguments()])
            {
                WorkingDirectory = settings.Root,
                Environment = QuietEnvironment,
            },
            cancellation
        );
        if (!result.Succeeded)
        {
            throw new BuildException(InfisicalErrors.Explain(result, settings));
        }
        try
        {
            using var json = JsonDocument.Parse(result.StandardOutput);
            return json
                .RootElement.EnumerateArray()
                .Where(e => e.TryGetProperty("key", out _))
                .GroupBy(e => e.GetProperty("key").GetString()!)
                .ToDictionary(
                    g => g.Key,
                    g => g.Last().GetProperty("value").GetString() ?? "",
                    StringComparer.Ordinal
                );
        }
        catch (Exception e)
            when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new BuildException(
                "infisical export did not print the expected JSON array of {key, value}; is the CLI up to date?"
            );
        }
    }

    /// <summary><paramref name="command"/> as the child of <c>infisical run</c>: its environment gets the secrets.</summary>
    public CommandSpec Wrap(CommandSpec command) =>
        command with
        {
            FileName = Executable,
            Arguments = ["run", .. CommonArguments(), "--", command.FileName, .. command.Arguments],
            // The CLI finds .infisical.json upwards from its working directory.
            WorkingDirectory = command.WorkingDirectory ?? settings.Root,
            Environment = new Dictionary<string, string?>(
                command.Environment.Concat(QuietEnvironment)
            ),
        };

    private static readonly IReadOnlyDictionary<string, string?> QuietEnvironment = new Dictionary<
        string,
        string?
    >
    {
        ["INFISICAL_DISABLE_UPDATE_CHECK"] = "true",
    };
}

/// <summary>Where the Infisical project and credentials come from (environment and <c>.infisical.json</c>).</summary>
public sealed record InfisicalSettings(
    string Root,
    string Environment,
    string? ProjectId,
    bool ProjectIdFromEnvironment,
    bool HasProjectFile,
    bool UsesToken
)
{
    public const string ProjectFile = ".infisical.json";

    public static InfisicalSettings From(
        string root,
        string environment,
        Func<string, string?> getVariable
    )
    {
        var fromEnvironment = getVariable("INFISICAL_PROJECT_ID") is { Length: > 0 } id ? id : null;
        var file = Path.Combine(root, ProjectFile);
        string? workspaceId = null;
        if (File.Exists(file))
        {
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllText(file));
                workspaceId = json.RootElement.TryGetProperty("workspaceId", out var w)
                    ? w.GetString()
                    : null;
            }
            catch (JsonException)
            {
                throw new BuildException($"{file} is not valid JSON: run infisical init again.");
            }
        }
        var usesToken = new[] { "INFISICAL_TOKEN", "INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN" }.Any(
            v => getVariable(v) is { Length: > 0 }
        );
        return new InfisicalSettings(
            root,
            environment,
            fromEnvironment ?? workspaceId,
            fromEnvironment is not null,
            File.Exists(file),
            usesToken
        );
    }
}
