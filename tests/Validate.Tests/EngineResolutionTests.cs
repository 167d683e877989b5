using System.Text.RegularExpressions;
using Build.Tools;
using Build.Validation;

namespace Validate.Tests;

/// <summary>
/// Layer 4 finds each engine as TestRules finds its tools: <c>--loki=PATH</c>, then PATH, then the pinned image
/// through Docker (pulls: <see cref="EnginePullTests"/>). The binaries here are test doubles (shell scripts named
/// after the engines, on a PATH each test builds) that check what a real engine would need: their flags, a
/// config copy without container paths, the env_file variables.
/// </summary>
[TestFixture]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class EngineResolutionTests : EngineTestBase
{
    /// <summary>Double of <c>loki -verify-config</c> run natively: logs "loki-TAG", checks the mapped copy.</summary>
    private string LokiDouble(string folder, string tag, string name = "loki") =>
        Script(
            folder,
            name,
            $$"""
            echo "loki-{{tag}} $*" >> '{{Log}}'
            file=""; verify=no
            for a in "$@"; do
              case "$a" in -config.file=*) file="${a#-config.file=}" ;; -verify-config) verify=yes ;; esac
            done
            [ "$verify" = yes ] || { echo "double: -verify-config missing"; exit 2; }
            [ -f "$file" ] || { echo "double: config $file missing"; exit 1; }
            if grep -q '/etc/loki' "$file"; then echo "double: container path left in $file"; exit 1; fi
            [ -f "$(dirname "$file")/runtime.yaml" ] || { echo "double: runtime.yaml not beside $file"; exit 1; }
            [ "$LOKI_STORAGE_BACKEND" = filesystem ] || { echo "double: env_file variable missing"; exit 1; }
            exit 0
            """
        );

    /// <summary>Double of the docker CLI: logs its arguments, an engine that answers, every image present, every run passes.</summary>
    private string DockerDouble(string folder) =>
        Script(folder, "docker", $"echo \"docker $*\" >> '{Log}'\nexit 0");

    [Test]
    public void An_engine_path_argument_beats_PATH_and_the_image_and_runs_on_a_mapped_copy()
    {
        using var stack = StackCopy.Create();
        var bin = Folder("bin");
        LokiDouble(bin, "path");
        DockerDouble(bin);
        var mine = LokiDouble(Folder("mine"), "explicit", "my-loki");

        var report = Layer4(stack, bin, new() { ["loki"] = mine });

        Assert.That(
            Calls().Where(c => c.StartsWith("loki-")),
            Has.Exactly(1).StartsWith("loki-explicit ")
        );
        Assert.That(Calls().Where(c => c.StartsWith("loki-")).ToList(), Has.Count.EqualTo(1));
        Assert.That(Calls(), Has.None.Contains("loki:"), "Docker is not asked for Loki's image");
        Assert.That(
            report.Findings.Where(f => f.Message.Contains("loki", StringComparison.Ordinal)),
            Is.Empty,
            Text(report)
        );
        Assert.That(report.Skipped.Select(s => s.Checker), Has.None.StartsWith("loki"));
    }

    [Test]
    public void An_engine_path_without_an_executable_is_a_usage_error_naming_the_argument()
    {
        using var stack = StackCopy.Create();
        var missing = Path.Combine(Temp, "nowhere", "loki");

        var error = Assert.Throws<Build.Host.UsageException>(() =>
            Layer4(stack, Folder("bin"), new() { ["loki"] = missing })
        );

        Assert.That(error!.Message, Does.StartWith($"--loki={missing}: no executable file there"));
    }

    [Test]
    public void An_engine_on_PATH_beats_the_image()
    {
        using var stack = StackCopy.Create();
        var bin = Folder("bin");
        LokiDouble(bin, "path");
        DockerDouble(bin);

        var report = Layer4(stack, bin);

        Assert.That(Calls(), Has.Exactly(1).StartsWith("loki-path "));
        Assert.That(Calls(), Has.None.Contains("loki:"));
        Assert.That(
            report.Findings.Where(f => f.Message.Contains("loki", StringComparison.Ordinal)),
            Is.Empty,
            Text(report)
        );
    }

    [Test]
    public void Without_a_binary_the_pinned_image_runs_with_config_mounts_and_env_names_only()
    {
        using var stack = StackCopy.Create();
        var bin = Folder("bin");
        DockerDouble(bin);
        var image = Pin(stack, "loki");

        var report = Layer4(stack, bin);

        var run = Calls()
            .Single(c =>
                c.StartsWith("docker run", StringComparison.Ordinal)
                && c.Contains(image, StringComparison.Ordinal)
            );
        var config = Path.Combine(stack.Root, "stack", "config", "loki");
        Assert.That(
            run,
            Does.StartWith($"docker run --rm --network none --volume {config}:/etc/loki:ro --env ")
        );
        Assert.That(
            run,
            Does.EndWith(
                $"--entrypoint /usr/bin/loki {image} -config.file=/etc/loki/loki.yaml -config.expand-env=true -verify-config"
            )
        );
        Assert.That(
            run,
            Does.Contain(" --env LOKI_STORAGE_BACKEND "),
            "env_file variables reach the container"
        );
        Assert.That(run, Does.Not.Contain("=" + "filesystem"), "values stay out of argv");
        Assert.That(run, Does.Not.Contain("/data/"), "data/ is never mounted");
        Assert.That(
            report.Findings.Where(f => f.Message.Contains("loki", StringComparison.Ordinal)),
            Is.Empty,
            Text(report)
        );
    }

    [Test]
    public void Tempo_gets_config_verify_with_a_value()
    {
        using var stack = StackCopy.Create();
        var bin = Folder("bin");
        Script(
            bin,
            "tempo",
            $$"""
            echo "tempo $*" >> '{{Log}}'
            for a in "$@"; do last="$a"; done
            [ "$last" = "-config.verify" ] && { echo "flag needs an argument: -config.verify"; exit 2; }
            case " $* " in *" -config.verify=true "*) exit 0 ;; esac
            echo "double: no -config.verify=true in: $*"; exit 2
            """
        );

        var report = Layer4(stack, bin);

        Assert.That(Calls(), Has.Exactly(1).StartsWith("tempo -config.file="));
        Assert.That(
            report.Findings.Where(f => f.Message.Contains("tempo", StringComparison.Ordinal)),
            Is.Empty,
            Text(report)
        );
    }

    [TestCase(false, TestName = "Alloy_fmt_output_equal_to_the_file_is_no_finding")]
    [TestCase(
        true,
        TestName = "Alloy_fmt_output_that_differs_is_a_finding_at_the_first_different_line"
    )]
    public void Alloy_fmt(bool differs)
    {
        using var stack = StackCopy.Create();
        var bin = Folder("bin");
        // Double of alloy: validate passes; fmt prints the file, with line 3 re-indented when told to differ.
        Script(
            bin,
            "alloy",
            $$"""
            echo "alloy $*" >> '{{Log}}'
            [ "$1" = validate ] && exit 0
            [ "$1" = fmt ] || exit 2
            {{(differs ? "sed '3s/^/\t/' \"$2\"" : "cat \"$2\"")}}
            """
        );

        var report = Layer4(stack, bin);

        Assert.That(Calls(), Has.Some.StartsWith("alloy fmt "));
        var fmt = report
            .Findings.Where(f => f.Message.Contains("alloy fmt", StringComparison.Ordinal))
            .Select(f => f.ToString())
            .ToList();
        if (differs)
        {
            Assert.That(fmt, Has.Count.EqualTo(1), Text(report));
            Assert.That(
                fmt[0],
                Does.StartWith(
                    "stack/config/alloy/config.alloy:3:1: error: not in `alloy fmt` form from here on"
                )
            );
        }
        else
        {
            Assert.That(fmt, Is.Empty, Text(report));
        }
    }

    /// <summary>The pinned image of an engine, read from the compose file.</summary>
    private static string Pin(StackCopy stack, string engine) =>
        EngineImage()
            .Matches(File.ReadAllText(Path.Combine(stack.Root, "stack", "docker-compose.yaml")))
            .First(m => m.Groups[1].Value == engine)
            .Value;

    [GeneratedRegex(@"grafana/(loki|mimir|tempo|alloy):[\w.\-]+")]
    private static partial Regex EngineImage();
}
