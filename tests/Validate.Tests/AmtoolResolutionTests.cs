namespace Validate.Tests;

/// <summary>
/// amtool is found by the one tool resolver, as promtool and the engines are: <c>--amtool=PATH</c>, then PATH, then
/// a <c>prom/alertmanager</c> image when the compose file pins one; else skipped (an error with --strict). The
/// binaries are test doubles logging their calls.
/// </summary>
[TestFixture]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AmtoolResolutionTests : EngineTestBase
{
    private string AmtoolDouble(string folder, string tag, string name = "amtool") =>
        Script(folder, name, $"echo \"amtool-{tag} $*\" >> '{Log}'\nexit 0");

    [Test]
    public void The_amtool_argument_beats_PATH()
    {
        using var stack = StackCopy.Create();
        var bin = Folder("bin");
        AmtoolDouble(bin, "path");
        var mine = AmtoolDouble(Folder("mine"), "explicit", "my-amtool");

        var report = Layer4(stack, bin, new() { ["amtool"] = mine });

        var amtool = Calls().Where(c => c.StartsWith("amtool-", StringComparison.Ordinal)).ToList();
        Assert.That(amtool, Is.Not.Empty);
        Assert.That(amtool, Has.All.StartWith("amtool-explicit check-config "));
        Assert.That(report.Skipped.Select(s => s.Checker), Has.None.StartsWith("amtool"));
    }

    [Test]
    public void Without_amtool_or_a_pinned_image_the_check_is_skipped_and_strict_fails()
    {
        using var stack = StackCopy.Create();
        var empty = Folder("empty");

        var lenient = Layer4(stack, empty);
        var strict = Layer4(stack, empty, strict: true);

        Assert.That(
            lenient.Skipped.Single(s => s.Checker == "amtool check-config").Reason,
            Does.StartWith("amtool not found (not on PATH, and no image pins it): install amtool")
        );
        Assert.That(
            strict.Findings.Select(f => f.Message),
            Has.Some.StartWith("amtool check-config could not run (--strict): amtool not found")
        );
    }

    [Test]
    public void A_pinned_alertmanager_image_runs_amtool_through_Docker()
    {
        using var stack = StackCopy.Create();
        stack.Edit(
            "stack/docker-compose.yaml",
            "  loki:\n    image: *loki-image",
            "  alertmanager:\n    image: prom/alertmanager:v0.28.1\n\n  loki:\n    image: *loki-image"
        );
        var bin = Folder("bin");
        Script(bin, "docker", $"echo \"docker $*\" >> '{Log}'\nexit 0");

        var report = Layer4(stack, bin);

        Assert.That(
            Calls(),
            Has.Some.Contains("--entrypoint /bin/amtool prom/alertmanager:v0.28.1 check-config ")
        );
        Assert.That(report.Skipped.Select(s => s.Checker), Has.None.StartsWith("amtool"));
    }
}
