using Build.Host;

namespace Build.Tests;

/// <summary>
/// ./build.ps1 run by real PowerShell (the <c>pwsh</c> .NET tool pinned in .config/dotnet-tools.json), on a copy of
/// what the build host is made of, so its first build, its stamp and its rebuild are its own: the same contract as
/// build.sh (compile once, start directly while nothing changed, rebuild after a change, pass every argument, return
/// the host's exit code).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class BuildPs1Tests
{
    private static readonly string[] HostInputs =
    [
        "build",
        "build.ps1",
        "global.json",
        "Directory.Build.props",
        "Directory.Packages.props",
        ".config",
    ];

    private string _copy = "";

    [OneTimeSetUp]
    public void CopyTheBuildAndRestorePowerShell()
    {
        var restore = Run(HostFixture.RepositoryRoot, "dotnet", "tool", "restore");
        Assert.That(
            restore.ExitCode,
            Is.EqualTo(0),
            $"dotnet tool restore failed (PowerShell is a tool of .config/dotnet-tools.json): {restore.Error}"
        );
        _copy = Directory.CreateTempSubdirectory("build-ps1-").FullName;
        foreach (var input in HostInputs)
        {
            var source = Path.Combine(HostFixture.RepositoryRoot, input);
            var target = Path.Combine(_copy, input);
            if (File.Exists(source))
            {
                File.Copy(source, target);
                continue;
            }
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(source, file);
                if (relative.Split(Path.DirectorySeparatorChar) is ["bin" or "obj", ..])
                {
                    continue;
                }
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
                File.Copy(file, Path.Combine(target, relative));
            }
        }
    }

    [OneTimeTearDown]
    public void DeleteTheCopy()
    {
        if (_copy.Length > 0)
        {
            Directory.Delete(_copy, recursive: true);
        }
    }

    [Test]
    public void First_run_builds_the_host_then_later_runs_start_it_directly_until_a_source_changes()
    {
        var output = Path.Combine(_copy, ".build");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
        var first = BuildPs1("--description");
        Assert.That(first.ExitCode, Is.EqualTo(0), first.Error);
        Assert.That(first.Error, Does.Contain("Building the build host"));
        Assert.That(first.Output, Does.Contain("e.g. ./build.sh --target=Test"));

        var second = BuildPs1("--description");
        Assert.That(second.ExitCode, Is.EqualTo(0), second.Error);
        Assert.That(second.Error, Does.Not.Contain("Building the build host"));
        Assert.That(second.Output, Is.EqualTo(first.Output));

        var source = Path.Combine(_copy, "build", "Program.cs");
        File.SetLastWriteTimeUtc(source, DateTime.UtcNow.AddMinutes(1));
        var third = BuildPs1("--description");
        Assert.That(third.ExitCode, Is.EqualTo(0), third.Error);
        Assert.That(third.Error, Does.Contain("Building the build host"));
    }

    [Test]
    public void Passes_every_argument_and_returns_the_hosts_exit_code()
    {
        var unknown = BuildPs1("--target=Nope");
        Assert.That(unknown.ExitCode, Is.EqualTo(BuildHost.UsageError));
        var lines = unknown
            .Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith("Building the build host"))
            .ToArray();
        Assert.That(lines, Has.Length.EqualTo(1), unknown.Error);
        Assert.That(lines[0], Does.StartWith("Error: Unknown target 'Nope'. Valid targets: "));

        // "--target Up" as two arguments, as PowerShell users write it: Up and its dependencies, nothing run.
        var dryRun = BuildPs1("--target", "Up", "--dryrun");
        Assert.That(dryRun.ExitCode, Is.EqualTo(0), dryRun.Error);
        Assert.That(dryRun.Output, Does.Contain("Preflight").And.Contain("Validate"));
        Assert.That(dryRun.Output, Does.Match(@"\n[2-9]\d*\. Up\b"));
        Assert.That(dryRun.Output, Does.Contain("No tasks were actually executed."));
    }

    private (int ExitCode, string Output, string Error) BuildPs1(params string[] args) =>
        Run(
            _copy,
            "dotnet",
            [
                "tool",
                "run",
                "pwsh",
                "-NoProfile",
                "-NonInteractive",
                "-File",
                Path.Combine(_copy, "build.ps1"),
                .. args,
            ]
        );

    private static (int ExitCode, string Output, string Error) Run(
        string directory,
        string file,
        params string[] args
    ) => ChildProcess.Run(directory, file, args, TimeSpan.FromMinutes(5));
}
