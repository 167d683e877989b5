using Build.Validation;

namespace Validate.Tests;

/// <summary>
/// Layer 4 with the real Loki, Mimir and Tempo binaries run natively, when the environment variable
/// <c>LGTM_ENGINES_DIR</c> names a folder holding them (built from source on a developer's machine; CI cannot
/// obtain them). Each engine's case is skipped with that reason when its binary is not there.
/// </summary>
[TestFixture]
public sealed class NativeEngineTests
{
    private const string Variable = "LGTM_ENGINES_DIR";

    private static readonly Dictionary<string, string> Checkers = new()
    {
        ["loki"] = "loki -verify-config",
        ["mimir"] = "mimir -modules",
        ["tempo"] = "tempo -config.verify",
    };

    /// <summary>The binaries of <paramref name="engines"/> in LGTM_ENGINES_DIR, or the test is skipped with the reason.</summary>
    private static Dictionary<string, string> Engines(params string[] engines)
    {
        var dir = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(dir))
        {
            Assert.Ignore(
                $"{Variable} is not set: point it at a folder with loki, mimir and tempo binaries to run the engines' own checks natively"
            );
        }
        var missing = engines.Where(e => !File.Exists(Path.Combine(dir!, e))).ToList();
        if (missing.Count > 0)
        {
            Assert.Ignore($"{Variable}={dir} has no {string.Join(", ", missing)} binary");
        }
        return engines.ToDictionary(e => e, e => Path.Combine(dir!, e));
    }

    private static ValidationReport Layer4(StackCopy stack, Dictionary<string, string> engines) =>
        stack.Validate("1,4", o => o with { EnginePaths = engines, Offline = true });

    [Test]
    public void The_real_engines_accept_the_stack()
    {
        var engines = Engines("loki", "mimir", "tempo");
        using var stack = StackCopy.Create();

        var report = Layer4(stack, engines);

        Assert.That(report.Errors, Is.Zero, string.Join("\n", report.Lines()));
        Assert.That(
            report.Skipped.Select(s => s.Checker),
            Has.None.Match("^(loki|mimir|tempo) "),
            string.Join("\n", report.Lines())
        );
    }

    [TestCase("loki", "loki/loki.yaml", "analytics:")]
    [TestCase("mimir", "mimir/mimir.yaml", "server:")]
    [TestCase("tempo", "tempo/tempo.yaml", "server:")]
    public void Each_engine_accepts_the_stack_and_reports_a_key_it_does_not_know(
        string engine,
        string config,
        string before
    )
    {
        var engines = Engines(engine);
        using var stack = StackCopy.Create();

        var clean = Layer4(stack, engines);
        stack.Edit($"stack/config/{config}", before, $"bogus_field: 1\n{before}");
        var broken = Layer4(stack, engines);

        Assert.That(
            clean.Findings.Select(f => f.Message),
            Has.None.Contains(Checkers[engine]),
            string.Join("\n", clean.Lines())
        );
        Assert.That(clean.Skipped.Select(s => s.Checker), Has.None.EqualTo(Checkers[engine]));
        Assert.That(
            broken.Findings.Select(f => f.ToString()),
            Has.Some.Match(
                $@"^stack/docker-compose\.yaml:\d+:\d+: error: {System.Text.RegularExpressions.Regex.Escape(Checkers[engine])} \(.*\): .*bogus_field"
            ),
            string.Join("\n", broken.Lines())
        );
    }
}
