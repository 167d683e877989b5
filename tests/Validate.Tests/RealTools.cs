using Build.Validation.Real;

namespace Validate.Tests;

/// <summary>The real checkers the tests use; .ci/run installs them (prometheus, prometheus-alertmanager, docker-compose).</summary>
public static class RealTools
{
    public static void RequireAll()
    {
        Assert.That(
            ProcessRunner.Find("promtool"),
            Is.Not.Null,
            "promtool is missing: apt-get install prometheus"
        );
        Assert.That(
            ProcessRunner.Find("amtool"),
            Is.Not.Null,
            "amtool is missing: apt-get install prometheus-alertmanager"
        );
        Assert.That(
            ProcessRunner.Find("docker-compose") ?? ProcessRunner.Find("docker"),
            Is.Not.Null,
            "docker-compose is missing: apt-get install docker-compose"
        );
    }
}
