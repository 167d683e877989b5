using System.Net;
using System.Text.Json;
using EndToEnd.Tests.Support;

namespace EndToEnd.Tests;

/// <summary>
/// The user's path on a real engine: build the offline base, Up Caro alone (its image built as Up's dependency),
/// use the API through the published port, Ps, Logs, Down, Up again (quick: nothing to rebuild), Down.
/// The LGTM images cannot be pulled here, so only caro-demo runs (--services starts it without its dependencies);
/// its OTLP exporter has no Alloy to talk to and must not care.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CaroStackTests() : E2eFixture("up")
{
    private static readonly TimeSpan ColdBuild = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    /// <summary>Generous on purpose (2 shared cores): a second Up that rebuilt Caro would take minutes, not seconds.</summary>
    private static readonly TimeSpan QuickUp = TimeSpan.FromSeconds(60);

    [Test]
    public async Task UpServesTheApiThenDownAndAQuickSecondUp()
    {
        var build = Run.Build();
        var baseImage = Run.OwnedImage("base");
        var baseRun = await build.RunAsync(
            ColdBuild,
            "--target=BaseImage",
            $"--base-image={baseImage}"
        );
        Assert.That(baseRun.ExitCode, Is.Zero, baseRun.ToString());

        string[] up = Run.Lifecycle(
            "Up",
            "--services=caro-demo",
            $"--base-image={baseImage}",
            "--timeout=120"
        );
        var first = await build.RunAsync(ColdBuild, up);
        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(
            first.Output,
            Does.Contain($"Built {Run.ImageRepository}:"),
            "Up did not build Caro's image"
        );
        Assert.That(
            first.Output,
            Does.Contain("caro-demo: ready"),
            "Up did not wait for Caro's readiness"
        );

        await ExerciseApiAsync();
        // Up waits on the readiness endpoint itself; Docker's own healthcheck (the image's `/app/Caro healthcheck`,
        // every 10 s) must agree soon after.
        await WaitForDockerHealthAsync(TimeSpan.FromSeconds(60));

        var ps = await build.RunAsync(Step, Run.Lifecycle("Ps"));
        Assert.That(ps.ExitCode, Is.Zero, ps.ToString());
        Assert.That(ps.Output, Does.Match(@"caro-demo\s+running\s+healthy"), ps.Output);

        var logs = await build.RunAsync(
            Step,
            Run.Lifecycle("Logs", "--service=caro-demo", "--tail=1000")
        );
        Assert.That(logs.ExitCode, Is.Zero, logs.ToString());
        Assert.That(
            logs.Output,
            Does.Contain("caro-demo | ").And.Contain("Caro API on http://"),
            logs.Output
        );
        // No Alloy here: the OTLP exporter fails quietly in the background, never as a crash or a failed request.
        Assert.That(
            logs.Output,
            Does.Not.Contain("crit:").And.Not.Contain("Unhandled exception"),
            logs.Output
        );

        await DownAsync(build);

        var second = await build.RunAsync(Step, up);
        Assert.That(second.ExitCode, Is.Zero, second.ToString());
        Assert.That(
            second.Output,
            Does.Contain("is up to date"),
            "the second Up rebuilt the unchanged image"
        );
        Assert.That(
            second.Elapsed,
            Is.LessThan(QuickUp),
            $"second Up (nothing to rebuild) took {second.Elapsed.TotalSeconds:0.0} s; the first took {first.Elapsed.TotalSeconds:0.0} s"
        );
        TestContext.Out.WriteLine(
            $"first Up {first.Elapsed.TotalSeconds:0.0} s, second Up {second.Elapsed.TotalSeconds:0.0} s"
        );
        await DownAsync(build);
    }

    private async Task WaitForDockerHealthAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? health = null;
        while (DateTime.UtcNow < deadline)
        {
            var containers = await Engine.Docker.ProjectContainersAsync(
                Run.Project,
                CancellationToken.None
            );
            health = containers.SingleOrDefault(c => c.Service == "caro-demo")?.Health;
            if (health == "healthy")
            {
                return;
            }
            await Task.Delay(500);
        }
        Assert.Fail(
            $"Docker's healthcheck of caro-demo is '{health}' after {timeout.TotalSeconds:0} s, not healthy."
        );
    }

    private async Task DownAsync(BuildScript build)
    {
        var down = await build.RunAsync(Step, Run.Lifecycle("Down"));
        Assert.That(down.ExitCode, Is.Zero, down.ToString());
        var containers = await Engine.Docker.ProjectContainersAsync(
            Run.Project,
            CancellationToken.None
        );
        Assert.That(containers, Is.Empty, "Down left containers");
    }

    /// <summary>A study session through the published port: member, deck, two cards, a review; read back.</summary>
    private async Task ExerciseApiAsync()
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        using var api = new CaroApi(Run.Api);
        var email = $"{Run.Id}@example.com";
        var member = await api.PostAsync(
            "api/members",
            new { email, nickname = "e2e" },
            HttpStatusCode.Created
        );
        var memberId = member.GetProperty("id").GetInt64();
        var deck = await api.PostAsync(
            "api/workbook/decks",
            new { memberId, name = "Capitals" },
            HttpStatusCode.Created
        );
        var deckId = deck.GetProperty("id").GetInt64();
        var cardIds = new List<long>();
        foreach (var (front, back) in new[] { ("France", "Paris"), ("Peru", "Lima") })
        {
            var card = await api.PostAsync(
                "api/workbook/cards",
                new
                {
                    memberId,
                    deckId,
                    front,
                    back,
                },
                HttpStatusCode.Created
            );
            cardIds.Add(card.GetProperty("id").GetInt64());
        }
        await api.PostAsync(
            "api/review",
            new
            {
                memberId,
                cardId = cardIds[0],
                deckId,
                quality = 5,
                reviewTimeMs = 1500,
            },
            HttpStatusCode.OK
        );

        var readMember = await api.GetAsync($"api/members/{memberId}");
        Assert.That(readMember.GetProperty("email").GetString(), Is.EqualTo(email));
        var cards = await api.GetAsync($"api/workbook/decks/{deckId}/cards");
        Assert.That(
            cards.EnumerateArray().Select(c => c.GetProperty("back").GetString()),
            Is.EquivalentTo(new[] { "Paris", "Lima" })
        );
        var stats = await api.GetAsync($"api/gamification/stats/{memberId}");
        Assert.That(
            stats.GetProperty("totalExp").GetInt32(),
            Is.GreaterThan(0),
            "the review awarded no XP: " + stats
        );
        var today = await api.GetAsync($"api/review/today?memberId={memberId}");
        Assert.That(today.ValueKind, Is.EqualTo(JsonValueKind.Array), today.ToString());
        // Nine requests; an exporter blocking on the missing Alloy would show here (generous bound, shared cores).
        Assert.That(
            stopwatch.Elapsed,
            Is.LessThan(TimeSpan.FromSeconds(20)),
            $"the API session took {stopwatch.Elapsed.TotalSeconds:0.0} s"
        );
    }
}
