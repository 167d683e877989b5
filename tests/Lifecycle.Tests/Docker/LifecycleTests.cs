using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Build.Docker;
using Build.Tools;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Docker;

/// <summary>Up, Ps, Logs, Down and Reset against the real Docker engine, with offline test-server images.</summary>
[NonParallelizable]
public sealed class LifecycleTests
{
    [Test]
    public void Up_Ps_Logs_Down_Reset_run_a_real_stack_and_a_second_Up_changes_nothing()
    {
        using var stack = new DockerStack(
            web: "      READY_AFTER_MS: \"1500\"\n      LOG_LINES: \"3\"",
            worker: true
        );

        var (up, upOutput) = stack.Stack.Run("--target=Up", "--secrets=local");
        Assert.That(up, Is.EqualTo(0), upOutput);
        Assert.That(upOutput, Does.Match(@"web: ready in \d+\.\d s"));
        Assert.That(upOutput, Does.Match(@"worker: ready in \d+\.\d s"));
        Assert.That(upOutput, Does.Contain($"http://127.0.0.1:{stack.WebPort}/"));
        var first = stack.Containers();
        Assert.That(
            first.Select(c => (c.Service, c.Status)),
            Is.EquivalentTo(new[] { ("web", "running"), ("worker", "running") })
        );
        Assert.That(
            Owner(Path.Combine(stack.Stack.DataDirectory, "web")),
            Is.EqualTo(DataDirectories.IsRoot ? "10001:10001" : Owner(stack.Stack.Root))
        );

        var clock = Stopwatch.StartNew();
        var (again, againOutput) = stack.Stack.Run("--target=Up", "--secrets=local");
        clock.Stop();
        Assert.That(again, Is.EqualTo(0), againOutput);
        var second = stack.Containers();
        Assert.That(
            second.Select(c => (c.Id, c.StartedAt)),
            Is.EquivalentTo(first.Select(c => (c.Id, c.StartedAt))),
            "nothing was recreated"
        );
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        TestContext.Out.WriteLine($"second Up: {clock.Elapsed.TotalSeconds:0.00} s");

        var (ps, psOutput) = stack.Stack.Run("--target=Ps");
        Assert.That(ps, Is.EqualTo(0));
        Assert.That(
            psOutput,
            Does.Match(@"web\s+running\s+-\s+\d+s\s+127\.0\.0\.1:" + stack.WebPort + "->8080/tcp")
        );
        Assert.That(psOutput, Does.Match(@"worker\s+running\s+healthy"));

        var (logs, logsOutput) = stack.Stack.Run("--target=Logs", "--service=web", "--tail=2");
        // No --secrets: Logs masks with what the containers hold, never asking Infisical (absent here).
        Assert.That(logs, Is.EqualTo(0), logsOutput);
        Assert.That(logsOutput, Does.Contain("web | APP_SECRET=********"));
        Assert.That(logsOutput, Does.Not.Contain("local-dev-app_secret"));
        Assert.That(logsOutput, Does.Contain("web | listening"));
        Assert.That(
            logsOutput,
            Does.Not.Contain("log line 1"),
            "--tail=2 shows only the last two lines"
        );

        var (refused, refusedOutput) = stack.Stack.Run("--target=Reset", "--yes");
        Assert.That(refused, Is.EqualTo(1));
        Assert.That(
            refusedOutput,
            Does.Contain($"Reset refused: 1 container(s) mount {stack.Stack.DataDirectory}: ")
                .And.Contain(
                    $"remove them first: ./build.sh --target=Down --project-name={stack.Project}."
                )
        );
        Assert.That(Directory.Exists(stack.Stack.DataDirectory));

        var (down, downOutput) = stack.Stack.Run("--target=Down");
        Assert.That(down, Is.EqualTo(0), downOutput);
        Assert.That(downOutput, Does.Contain("removed 2 container(s) and 1 network(s)"));
        Assert.That(stack.Containers(), Is.Empty);
        Assert.That(
            Directory.Exists(Path.Combine(stack.Stack.DataDirectory, "web")),
            "Down keeps the data"
        );

        using (new EnvironmentScope().Set("CI", "true"))
        {
            var (unconfirmed, unconfirmedOutput) = stack.Stack.Run("--target=Reset");
            Assert.That(unconfirmed, Is.EqualTo(1));
            Assert.That(
                unconfirmedOutput,
                Does.Contain("needs confirmation: pass --yes (nothing was deleted)")
            );
            Assert.That(Directory.Exists(stack.Stack.DataDirectory));
        }

        var (reset, resetOutput) = stack.Stack.Run("--target=Reset", "--yes");
        Assert.That(reset, Is.EqualTo(0), resetOutput);
        Assert.That(Directory.Exists(stack.Stack.DataDirectory), Is.False);
    }

    [Test]
    public void Up_names_a_published_port_that_someone_else_holds()
    {
        using var stack = new DockerStack();
        using var holder = new TcpListener(IPAddress.Loopback, stack.WebPort);
        holder.Start();

        var (exitCode, output) = stack.Stack.Run("--target=Up", "--secrets=local");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(
            output,
            Does.Contain($"Cannot start: port {stack.WebPort} (web) is already in use")
        );
        if (ExecutableSearch.OnPath("ss") is not null)
        {
            Assert.That(output, Does.Contain("already in use by process "), "ss names the holder");
        }
        Assert.That(output, Does.Contain("or set WEB_PORT to a free port"));
        Assert.That(stack.Containers(), Is.Empty, "nothing was started");
    }

    [Test]
    public void A_container_that_exits_fails_fast_with_its_state_exit_code_and_last_30_log_lines()
    {
        using var stack = new DockerStack(
            web: "      EXIT_AFTER_MS: \"700\"\n      EXIT_CODE: \"3\"\n      LOG_LINES: \"40\"\n      READY_AFTER_MS: \"600000\""
        );
        var clock = Stopwatch.StartNew();

        var (exitCode, output) = stack.Stack.Run("--target=Up", "--secrets=local", "--timeout=120");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(
            clock.Elapsed,
            Is.LessThan(TimeSpan.FromSeconds(30)),
            "no waiting for the 120 s deadline"
        );
        Assert.That(output, Does.Contain("exited with code 3"));
        Assert.That(output, Does.Contain("state exited, exit code 3"));
        Assert.That(output, Does.Contain("| exiting with code 3 as asked"));
        Assert.That(output, Does.Contain("| log line 40"));
        Assert.That(output, Does.Not.Match(@"\| log line 9\b"), "only the last 30 lines");
        Assert.That(output, Does.Contain("1 of 1 service(s) not ready: web"));
    }

    [Test]
    public void A_container_in_a_restart_loop_fails_fast()
    {
        using var stack = new DockerStack(
            web: "      EXIT_AFTER_MS: \"100\"\n      EXIT_CODE: \"4\"",
            restart: "always"
        );
        var clock = Stopwatch.StartNew();

        var (exitCode, output) = stack.Stack.Run("--target=Up", "--secrets=local", "--timeout=120");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)));
        Assert.That(output, Does.Match("restarts in a loop|exited with code 4"));
    }

    [Test]
    public void A_service_that_becomes_ready_late_is_waited_for_and_its_time_to_ready_reported()
    {
        using var stack = new DockerStack(web: "      READY_AFTER_MS: \"3000\"");

        var (exitCode, output) = stack.Stack.Run("--target=Up", "--secrets=local");

        Assert.That(exitCode, Is.EqualTo(0), output);
        var seconds = double.Parse(
            System
                .Text.RegularExpressions.Regex.Match(output, @"web: ready in (\d+\.\d) s")
                .Groups[1]
                .Value,
            System.Globalization.CultureInfo.InvariantCulture
        );
        Assert.That(
            seconds,
            Is.InRange(2.0, 8.0),
            "ready after ~3 s from container start, never before"
        );
    }

    [Test]
    public void WaitHealthy_gives_up_at_the_deadline_when_the_service_is_not_ready()
    {
        using var stack = new DockerStack(web: "      READY_AFTER_MS: \"600000\"");
        var (up, upOutput) = stack.Stack.Run("--target=Up", "--secrets=local", "--timeout=1");
        Assert.That(up, Is.EqualTo(1), upOutput);

        var clock = Stopwatch.StartNew();
        var (exitCode, output) = stack.Stack.Run("--target=WaitHealthy", "--timeout=2");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(output, Does.Contain("web (not ready after 2 s (last: HTTP 503))"));
        Assert.That(output, Does.Contain("state running, exit code 0"));
        Assert.That(output, Does.Contain("| listening"), "the container's last log lines");
    }

    [Test]
    public void Logs_follow_streams_until_cancelled_and_SVC_selects_the_service()
    {
        using var stack = new DockerStack(web: "      LOG_LINES: \"2\"");
        var (up, upOutput) = stack.Stack.Run("--target=Up", "--secrets=local");
        Assert.That(up, Is.EqualTo(0), upOutput);
        using var scope = new EnvironmentScope().Set("SVC", "web");
        using var ctrlC = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var clock = Stopwatch.StartNew();

        var (exitCode, output) = stack.Stack.RunCancellable(
            _ => null,
            ctrlC.Token,
            "--target=Logs",
            "--follow",
            "--secrets=local"
        );

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(
            clock.Elapsed,
            Is.InRange(TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(8)),
            "followed until Ctrl+C, then stopped"
        );
        Assert.That(output, Does.Contain("web | log line 2"));
    }

    private static string Owner(string path)
    {
        var stat = new CommandRunner()
            .RunAsync(new CommandSpec("stat", ["-c", "%u:%g", path]))
            .GetAwaiter()
            .GetResult();
        return stat.StandardOutput.Trim();
    }
}
