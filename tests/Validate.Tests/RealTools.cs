using Build.Tools;

namespace Validate.Tests;

/// <summary>The real checkers the tests use; .ci/run installs them (prometheus, prometheus-alertmanager, docker-compose).</summary>
public static class RealTools
{
    public static void RequireAll()
    {
        Assert.That(
            ExecutableSearch.OnPath("promtool"),
            Is.Not.Null,
            "promtool is missing: apt-get install prometheus"
        );
        Assert.That(
            ExecutableSearch.OnPath("amtool"),
            Is.Not.Null,
            "amtool is missing: apt-get install prometheus-alertmanager"
        );
        Assert.That(
            ExecutableSearch.OnPath("docker-compose") ?? ExecutableSearch.OnPath("docker"),
            Is.Not.Null,
            "docker-compose is missing: apt-get install docker-compose"
        );
    }
}
