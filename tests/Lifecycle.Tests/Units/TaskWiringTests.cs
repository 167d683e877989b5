using Build.Host;
using Build.Tasks.Lifecycle;

namespace Lifecycle.Tests.Units;

/// <summary>How the lifecycle targets are wired into the build's task graph.</summary>
public sealed class TaskWiringTests
{
    private static readonly TaskCatalog Catalog = new(
        TaskCatalog.Discover(typeof(BuildHost).Assembly)
    );

    [Test]
    public void Restart_is_Down_then_Up_and_Up_runs_Preflight_and_Validate_first()
    {
        Assert.That(
            Catalog.Find(nameof(Restart))!.Dependencies,
            Is.EqualTo(new[] { nameof(Down), nameof(Up) })
        );
        Assert.That(
            Catalog.DependenciesOf(Catalog.Find(nameof(Up))!),
            Is.SupersetOf(new[] { nameof(Preflight), "Validate" })
        );
    }

    [Test]
    public void Every_lifecycle_target_exists_with_a_description()
    {
        string[] names =
        [
            "EnvCheck",
            "Up",
            "Down",
            "Restart",
            "Ps",
            "Logs",
            "Reset",
            "WaitHealthy",
        ];

        Assert.That(
            names.Select(n => Catalog.Find(n)?.Description),
            Has.All.Not.Null.And.All.Not.Empty
        );
    }
}
