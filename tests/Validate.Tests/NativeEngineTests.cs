using Build.Validation;

namespace Validate.Tests;

/// <summary>
/// Layer 4 with the real Loki, Mimir and Tempo binaries run natively, when the environment variable
/// <c>LGTM_ENGINES_DIR</c> names a folder holding them (built from source on a developer's machine; CI cannot
/// obtain them). Skipped with that reason otherwise.
/// </summary>
[TestFixture]
public sealed class NativeEngineTests
{
    private const string Variable = "LGTM_ENGINES_DIR";
    private static readonly string[] Required = ["loki", "mimir", "tempo"];

    private static Dictionary<string, string> Engines()
    {
        var dir = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(dir))
        {
            Assert.Ignore(
                $"{Variable} is not set: point it at a folder with loki, mimir and tempo binaries to run the engines' own checks natively"
            );
        }
        var missing = Required.Where(e => !File.Exists(Path.Combine(dir!, e))).ToList();
        if (missing.Count > 0)
        {
            Assert.Ignore($"{Variable}={dir} has no {string.Join(", ", missing)} binary");
        }
        return Required
            .Append("alloy")
            .Where(e => File.Exists(Path.Combine(dir!, e)))
            .ToDictionary(e => e, e => Path.Combine(dir!, e));
    }

    private static ValidationReport Layer4(StackCopy stack, Dictionary<string, string> engines) =>
        stack.Validate("1,4", o => o with { EnginePaths = engines, Offline = true });

    [Test]
    public void The_real_engines_accept_the_stack()
    {
        var engines = Engines();
        using var stack = StackCopy.Create();

        var report = Layer4(stack, engines);

        Assert.That(report.Errors, Is.Zero, string.Join("\n", report.Lines()));
        Assert.That(
            report.Skipped.Select(s => s.Checker),
            Has.None.Match("^(loki|mimir|tempo) "),
            string.Join("\n", report.Lines())
        );
    }

    [Test]
    public void A_key_Tempo_does_not_know_is_reported_by_Tempo_itself()
    {
        var engines = Engines();
        using var stack = StackCopy.Create();
        stack.Edit("stack/config/tempo/tempo.yaml", "server:", "bogus_field: 1\nserver:");

        var report = Layer4(stack, engines);

        Assert.That(
            report.Findings.Select(f => f.ToString()),
            Has.Some.Match(
                @"^stack/docker-compose\.yaml:\d+:\d+: error: tempo -config\.verify \(.*\): .*bogus_field"
            ),
            string.Join("\n", report.Lines())
        );
    }
}
