using System.Diagnostics;
using Caro.Modules.Member.Contracts;
using Caro.Modules.Observatory.Contracts;
using Caro.Modules.Review.Contracts;
using Caro.Modules.Workbook.Contracts;
using Caro.Shared.Api;
using Caro.Shared.Settings;
using Caro.Shared.Telemetry;
using Caro.Shared.Validation;

namespace Caro.Modules.Observatory.Internal;

/// <summary>/api/observatory/scenarios: a study session through the module APIs, and simulated mixed traffic.</summary>
internal static class ScenarioEndpoints
{
    private static readonly string[] Answers =
    [
        "Dashboards",
        "Metrics",
        "Logs",
        "Traces",
        "Alerting",
    ];

    public static void Map(RouteGroupBuilder observatory)
    {
        var group = observatory.MapGroup("/scenarios");
        group.MapPost("/study-session", StudySessionAsync);
        group.MapPost("/mixed-traffic", MixedTrafficAsync);
    }

    /// <summary>Iteration <paramref name="index"/> fails when it crosses the next error-rate step: failures are spread evenly, not all first.</summary>
    /// <remarks>Failures among the first c iterations: ceil(c·p/100); in total the original's count, ceil(total·p/100).</remarks>
    public static bool ShouldFail(int index, int errorPercentage) =>
        FailuresUpTo(index + 1, errorPercentage) > FailuresUpTo(index, errorPercentage);

    private static int FailuresUpTo(int count, int percentage) => (count * percentage + 99) / 100;

    private static async Task<IResult> StudySessionAsync(
        HttpContext context,
        CaroSettings settings,
        IMemberService members,
        IWorkbookService workbook,
        IReviewService reviews
    )
    {
        var body = await JsonBody.ReadOptionalAsync(context, settings.MaxRequestBodyBytes);
        var nickname = body.String("nickname", required: false, fallback: "observatory-tester");
        var email = body.String("email", required: false, fallback: "observatory@test.com");
        var deckName = body.String("deckName", required: false, fallback: "Observatory Test Deck");
        var cardCount = body.Int("cardCount", required: false, min: 1, max: 50, fallback: 5);
        var quality = body.Int("reviewQuality", required: false, min: 0, max: 5, fallback: 4);
        var delay = body.Int(
            "delayBetweenReviewsMs",
            required: false,
            min: 0,
            max: 10_000,
            fallback: 100
        );
        body.ThrowIfInvalid();
        var ct = context.RequestAborted;
        var total = Stopwatch.StartNew();
        var steps = new List<ScenarioStep>();
        MemberDto? member = null;
        DeckDto? deck = null;
        var cards = new List<CardDto>();
        async Task<string> CreateMemberAsync()
        {
            member = await members.GetByEmailAsync(email!, ct);
            if (member is null)
            {
                try
                {
                    member = await members.CreateAsync(email!, nickname!, ct);
                }
                catch (ApiException exception) when (exception.Status == 409)
                {
                    member = await members.GetByEmailAsync(email!, ct);
                }
            }
            return $"memberId={member!.Id}";
        }

        async Task<string> CreateDeckAsync()
        {
            deck = await workbook.CreateDeckAsync(
                member!.Id,
                deckName!,
                "Observatory test deck",
                ct
            );
            return $"deckId={deck.Id}";
        }

        async Task<string> CreateCardsAsync()
        {
            var contents = Enumerable
                .Range(1, cardCount!.Value)
                .Select(i => new CardContent(
                    $"Observatory Q{i}: What is observability pillar #{i}?",
                    $"Observatory A{i}: {Answers[i % 5]}"
                ))
                .ToList();
            cards.AddRange(await workbook.CreateCardsBulkAsync(deck!.Id, contents, ct));
            return $"cards={cards.Count}";
        }

        async Task<string> InitializeReviewsAsync()
        {
            foreach (var card in cards)
            {
                await reviews.InitializeAsync(member!.Id, card.Id, ct);
            }
            return $"initialized={cards.Count}";
        }

        async Task<string> RecordReviewsAsync()
        {
            for (var i = 0; i < cards.Count; i++)
            {
                using (
                    var span = CaroTelemetry.ActivitySource.StartActivity($"review-card-{i + 1}")
                )
                {
                    span?.SetTag("card.id", cards[i].Id);
                    span?.SetTag("card.index", i);
                    span?.SetTag("review.quality", quality);
                    var review = new RecordReview(
                        member!.Id,
                        cards[i].Id,
                        deck!.Id,
                        quality!.Value,
                        Random.Shared.Next(500, 3001)
                    );
                    await reviews.RecordReviewAsync(review, ct);
                }
                if (delay > 0)
                {
                    await Task.Delay(delay.Value, ct);
                }
            }
            return $"reviewed={cards.Count}";
        }

        (string Name, Func<Task<string>> Run)[] plan =
        [
            ("create-member", CreateMemberAsync),
            ("create-deck", CreateDeckAsync),
            ("create-cards", CreateCardsAsync),
            ("initialize-reviews", InitializeReviewsAsync),
            ("record-reviews", RecordReviewsAsync),
        ];
        foreach (var (name, run) in plan)
        {
            if (!await Step(steps, name, run))
            {
                break;
            }
        }
        return ApiResults.Ok(new ScenarioResult("study-session", steps, total.ElapsedMilliseconds));
    }

    /// <summary>Runs one timed step; a failure is recorded (success=false) and ends the scenario, which still answers 200.</summary>
    private static async Task<bool> Step(
        List<ScenarioStep> steps,
        string name,
        Func<Task<string>> action
    )
    {
        var watch = Stopwatch.StartNew();
        try
        {
            steps.Add(new ScenarioStep(name, true, watch.ElapsedMilliseconds, await action()));
            return true;
        }
        catch (ApiException exception)
        {
            steps.Add(new ScenarioStep(name, false, watch.ElapsedMilliseconds, exception.Message));
            return false;
        }
    }

    private static async Task<IResult> MixedTrafficAsync(
        HttpContext context,
        CaroSettings settings,
        ILogger<ObservatoryLog> logger
    )
    {
        var body = await JsonBody.ReadOptionalAsync(context, settings.MaxRequestBodyBytes);
        var total = body.Int("totalRequests", required: false, min: 1, max: 100, fallback: 20);
        var percentage = body.Int(
            "errorPercentage",
            required: false,
            min: 0,
            max: 100,
            fallback: 20
        );
        var interval = body.Int("intervalMs", required: false, min: 0, max: 10_000, fallback: 50);
        body.ThrowIfInvalid();
        var watch = Stopwatch.StartNew();
        var errors = 0;
        for (var i = 0; i < total; i++)
        {
            var fail = ShouldFail(i, percentage!.Value);
            using (var span = CaroTelemetry.ActivitySource.StartActivity($"mixed-traffic-{i + 1}"))
            {
                span?.SetTag("request.index", i);
                span?.SetTag("request.should_fail", fail);
                if (fail)
                {
                    errors++;
                    span?.SetStatus(ActivityStatusCode.Error, "Simulated failure");
                    logger.LogError(
                        "[MixedTraffic] Request {Index}/{Total} failed (simulated)",
                        i + 1,
                        total
                    );
                }
                else
                {
                    span?.SetStatus(ActivityStatusCode.Ok);
                    logger.LogInformation(
                        "[MixedTraffic] Request {Index}/{Total} succeeded",
                        i + 1,
                        total
                    );
                }
            }
            if (interval > 0)
            {
                await Task.Delay(interval.Value, context.RequestAborted);
            }
        }
        var details = new Dictionary<string, object?>
        {
            ["totalRequests"] = total,
            ["successCount"] = total - errors,
            ["errorCount"] = errors,
            ["actualErrorRate"] = Math.Round(errors * 100.0 / total!.Value, 2),
        };
        return ObservatoryResults.Ok("mixed-traffic", watch, details);
    }
}
