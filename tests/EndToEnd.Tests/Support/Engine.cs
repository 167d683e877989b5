using Build.Docker;
using Build.Tools;

namespace EndToEnd.Tests.Support;

/// <summary>
/// The Docker engine the suite runs on: started here when it is installed but not running and we are root (as
/// .ci/run does), else every test is ignored with the reason. Also needs a compose implementation.
/// </summary>
public static class Engine
{
    public static DockerCli Docker { get; } = new(new CommandRunner());

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _unavailable;
    private static bool _checked;

    public static async Task RequireAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (!_checked)
            {
                _unavailable = await CheckAsync();
                _checked = true;
            }
        }
        finally
        {
            Gate.Release();
        }
        if (_unavailable is not null)
        {
            Assert.Ignore(_unavailable);
        }
    }

    private static async Task<string?> CheckAsync()
    {
        if (ExecutableSearch.OnPath("docker") is null)
        {
            return "No docker CLI here (install docker.io): the end-to-end tests need a real Docker engine.";
        }
        var compose =
            (await Docker.Runner.RunAsync(Docker.Command("compose", "version"))).Succeeded
            || ExecutableSearch.OnPath("docker-compose") is not null;
        if (!compose)
        {
            return "No Docker Compose here (install docker-compose): the end-to-end tests run ./build.sh --target=Up.";
        }
        if ((await Docker.Runner.RunAsync(Docker.Command("info"))).Succeeded)
        {
            return null;
        }
        if (!DataDirectories.IsRoot || ExecutableSearch.OnPath("dockerd") is null)
        {
            return "The Docker engine is not running and cannot be started here (needs root and dockerd).";
        }
        // Detached on purpose: it outlives the tests like a system service would.
        var log = Path.Combine(Path.GetTempPath(), "endtoend-tests-dockerd.log");
        await Docker.Runner.RunAsync(new CommandSpec("sh", ["-c", $"nohup dockerd >{log} 2>&1 &"]));
        for (var i = 0; i < 60; i++)
        {
            await Task.Delay(500);
            if ((await Docker.Runner.RunAsync(Docker.Command("info"))).Succeeded)
            {
                return null;
            }
        }
        return $"dockerd did not answer within 30 s (see {log}).";
    }
}
