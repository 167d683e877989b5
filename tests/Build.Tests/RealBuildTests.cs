using Build.Host;

namespace Build.Tests;

/// <summary>The repository's real build: its task catalog, and ./build.sh as a user runs it.</summary>
[TestFixture]
public sealed class RealBuildTests
{
    private static readonly TaskCatalog Catalog = new(
        TaskCatalog.Discover(typeof(BuildHost).Assembly)
    );

    [Test]
    public void Every_task_has_a_description_and_its_name_is_its_class_name()
    {
        Assert.That(Catalog.All, Is.Not.Empty);
        foreach (var task in Catalog.All)
        {
            Assert.That(
                task.Description,
                Is.Not.Empty,
                $"{task.Type.FullName} has no [TaskDescription]"
            );
            Assert.That(
                task.Name,
                Is.EqualTo(task.Type.Name),
                $"{task.Type.FullName}: use [TaskName(nameof({task.Type.Name}))]"
            );
        }
    }

    [Test]
    public void Every_dependency_names_an_existing_task()
    {
        foreach (var task in Catalog.All)
        {
            foreach (var dependency in Catalog.DependenciesOf(task))
            {
                Assert.That(
                    Catalog.Find(dependency),
                    Is.Not.Null,
                    $"{task.Name} depends on unknown task {dependency}"
                );
            }
        }
    }

    [Test]
    public void Description_lists_every_real_target()
    {
        var (exitCode, console) = HostFixture.RunRealBuild("--description");

        Assert.That(exitCode, Is.EqualTo(BuildHost.Success));
        foreach (var task in Catalog.All)
        {
            Assert.That(console.Out, Does.Contain($"./build.sh --target={task.Name}"));
        }
    }

    [Test]
    public void Default_lists_the_targets_and_runs_nothing_else()
    {
        var (exitCode, console) = HostFixture.RunRealBuild("--verbosity=minimal");

        Assert.That(exitCode, Is.EqualTo(BuildHost.Success));
        Assert.That(
            console.Out,
            Does.Contain("Targets (run one with ./build.sh --target=<Target>):")
        );
        Assert.That(console.Out, Does.Match(@"Default\s+[0-9:.]+\s+Succeeded"));
        Assert.That(
            console.Out,
            Does.Not.Match(@"\n(Up|Validate|CaroImage)\s+[0-9:.]+\s+Succeeded")
        );
    }

    [Test]
    public void Build_sh_runs_the_compiled_build_and_returns_its_exit_code()
    {
        var ok = RunBuildSh("--description");
        var unknown = RunBuildSh("--target=Nope");

        Assert.That(ok.ExitCode, Is.EqualTo(0), ok.Error);
        Assert.That(ok.Output, Does.Contain("e.g. ./build.sh --target=Test"));
        Assert.That(unknown.ExitCode, Is.EqualTo(BuildHost.UsageError));
        var lines = unknown
            .Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith("Building the build host"))
            .ToArray();
        Assert.That(lines, Has.Length.EqualTo(1));
        Assert.That(
            lines[0],
            Does.StartWith("Error: Unknown target 'Nope'. Valid targets: ").And.Contain("Test")
        );
    }

    private static (int ExitCode, string Output, string Error) RunBuildSh(params string[] args) =>
        RunBuildSh(new Dictionary<string, string>(), args);

    /// <summary>./build.sh with its output redirected (not a terminal) and these extra environment variables.</summary>
    internal static (int ExitCode, string Output, string Error) RunBuildSh(
        IReadOnlyDictionary<string, string> environment,
        params string[] args
    ) =>
        ChildProcess.Run(
            HostFixture.RepositoryRoot,
            Path.Combine(HostFixture.RepositoryRoot, "build.sh"),
            args,
            TimeSpan.FromMinutes(3),
            environment
        );
}
