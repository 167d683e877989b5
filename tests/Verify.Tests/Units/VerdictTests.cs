using Build.Verify;

namespace Verify.Tests.Units;

/// <summary>The isolation verdict, hop attribution, the ruler and Alertmanager comparisons, the deadline (pure).</summary>
public sealed class VerdictTests
{
    private static readonly TimeSpan Waited = TimeSpan.FromSeconds(30);

    [Test]
    public void Visible_under_its_tenant_only_passes_with_its_latency()
    {
        var result = IsolationVerdict.Judge(
            Signal.Logs,
            false,
            "a",
            TimeSpan.FromSeconds(1.5),
            [],
            2,
            Waited
        );
        Assert.That(result.Outcome, Is.EqualTo(Outcome.Pass));
        Assert.That(result.Latency, Is.EqualTo(TimeSpan.FromSeconds(1.5)));
    }

    [Test]
    public void Visible_under_another_tenant_too_is_an_isolation_failure()
    {
        var result = IsolationVerdict.Judge(
            Signal.Metrics,
            false,
            "a",
            TimeSpan.FromSeconds(1),
            ["b"],
            2,
            Waited
        );
        Assert.That(result.Outcome, Is.EqualTo(Outcome.Fail));
        Assert.That(
            result.Detail,
            Does.StartWith(
                "Mimir (isolation): the metric sample of tenant a is also visible under b"
            )
        );
    }

    [Test]
    public void Arriving_under_another_tenant_blames_the_tenant_mapping_of_the_hop()
    {
        var viaAlloy = IsolationVerdict.Judge(Signal.Logs, false, "a", null, ["b"], 2, Waited);
        var direct = IsolationVerdict.Judge(Signal.Logs, true, "a", null, ["b"], 2, Waited);
        Assert.That(
            viaAlloy.Detail,
            Does.StartWith("Alloy → Loki: the log record sent for tenant a arrived under tenant b")
        );
        Assert.That(
            direct.Detail,
            Does.StartWith(
                "application → Loki: the log record sent for tenant a arrived under tenant b"
            )
        );
    }

    [Test]
    public void Never_visible_blames_the_hop_after_the_one_that_accepted()
    {
        var result = IsolationVerdict.Judge(Signal.Traces, false, "a", null, [], 2, Waited);
        Assert.That(
            result.Detail,
            Does.StartWith(
                "Alloy → Tempo: Alloy accepted the span but Tempo never showed it under tenant a within 30 s"
            )
        );
        Assert.That(result.Detail.Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public void The_ruler_is_fine_only_with_every_group_loaded_and_healthy()
    {
        (string, string)[] expected = [("x.yaml", "g")];
        RuleGroup Group(string health) =>
            new("g", "x.yaml", [new RuleState("r", health, health == "err" ? "bad" : "")]);
        Assert.That(MimirChecks.RulerProblem(expected, [Group("ok")], "t"), Is.Null);
        Assert.That(
            MimirChecks.RulerProblem(expected, [], "t"),
            Does.Contain("group 'g' of config/mimir/rules/t/x.yaml is not loaded")
        );
        Assert.That(
            MimirChecks.RulerProblem(expected, [Group("err")], "t"),
            Does.Contain("fails to evaluate: bad")
        );
        Assert.That(
            MimirChecks.RulerProblem(expected, [Group("unknown")], "t"),
            Does.Contain("not been evaluated yet")
        );
    }

    [Test]
    public void The_running_alertmanager_config_is_the_file_with_any_webhook_and_the_webhook_is_never_returned()
    {
        const string placeholder = "https://slack-webhook.invalid/SLACK_WEBHOOK_URL_T";
        var file =
            $"route:\n  receiver: slack\nreceivers:\n  - name: slack\n    slack_configs:\n      - api_url: {placeholder}\n";
        var uploaded = file.Replace(placeholder, "\"https://hooks.slack.com/services/SECRET\"");

        Assert.That(AlertmanagerCheck.FirstDifference(file, uploaded, placeholder), Is.Null);
        Assert.That(
            AlertmanagerCheck.FirstDifference(
                file,
                uploaded.Replace("slack\n", "other\n"),
                placeholder
            ),
            Is.EqualTo(2)
        );
        Assert.That(
            AlertmanagerCheck.FirstDifference(file, "route: {}\n", placeholder),
            Is.EqualTo(1)
        );
        var running = AlertmanagerCheck.RunningConfiguration(
            "template_files: {}\nalertmanager_config: |\n  route:\n    receiver: x\n"
        );
        Assert.That(running, Is.EqualTo("route:\n  receiver: x\n"));
    }

    [Test]
    public async Task The_deadline_stops_polling_and_says_not_found()
    {
        var deadline = new Deadline(TimeSpan.FromMilliseconds(300));
        var attempts = 0;

        var found = await deadline.PollAsync(
            _ => Task.FromResult(++attempts > 1000),
            TimeSpan.FromMilliseconds(50),
            CancellationToken.None
        );

        Assert.That(found, Is.False);
        Assert.That(attempts, Is.InRange(3, 10));
        Assert.That(deadline.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }
}
