using System.Diagnostics;
using Build.Validation.Model;
using static Build.Verify.PollExtensions;

namespace Build.Verify;

/// <summary>
/// Verify's Mimir checks beyond the probe: the ruler runs each tenant's rule groups with health ok, Tempo's span
/// metrics land in the span's tenant, self-monitoring's <c>up</c> (the Alertmanager check is AlertmanagerCheck).
/// </summary>
public sealed class MimirChecks(VerifyHttp http, Uri? mimir, Deadline deadline, StackModel stack)
{
    public const string Ruler = "ruler";
    public const string SpanMetrics = "span metrics";
    public const string SelfMonitoring = "self-monitoring";

    /// <summary>Every group of <c>config/mimir/rules/&lt;tenant&gt;/</c> loaded, every rule evaluated with health ok.</summary>
    public async Task<CheckResult> RulerAsync(string tenant, CancellationToken cancellation)
    {
        var expected = StackFacts.RuleGroups(stack, tenant);
        if (expected.Count == 0)
        {
            return CheckResult.Skip(Ruler, tenant, "no rule files for this tenant");
        }
        return await UntilNoProblemAsync(
            Ruler,
            tenant,
            $"{expected.Count} group(s) loaded, every rule health ok",
            async token =>
                RulerProblem(
                    expected,
                    BackendAnswers.Rules(await GetAsync(BackendQueries.Rules(Url), tenant, token)),
                    tenant
                ),
            cancellation
        );
    }

    /// <summary>The ruler's state against the expected groups: null when all is well, else one line (pure).</summary>
    public static string? RulerProblem(
        IReadOnlyList<(string File, string Group)> expected,
        IReadOnlyList<RuleGroup> running,
        string tenant
    )
    {
        foreach (var (file, group) in expected)
        {
            var found = running.FirstOrDefault(g => g.Name == group);
            if (found is null)
            {
                return $"Mimir ruler: group '{group}' of config/mimir/rules/{tenant}/{file} is not loaded for tenant {tenant}: check Mimir's logs for rule loading errors (./build.sh --target=Logs --service=mimir).";
            }
            if (found.Rules.FirstOrDefault(r => r.Health == "err") is { } broken)
            {
                return $"Mimir ruler: rule '{broken.Name}' of group '{group}' ({tenant}) fails to evaluate: {broken.LastError}";
            }
            if (found.Rules.FirstOrDefault(r => r.Health != "ok") is { } pending)
            {
                return $"Mimir ruler: rule '{pending.Name}' of group '{group}' ({tenant}) has not been evaluated yet (health {pending.Health}): rules run every interval; raise --deadline or run Verify again.";
            }
        }
        return null;
    }

    /// <summary>Baseline of the tenant's span-metrics counter for Verify's span (null: no series yet).</summary>
    public async Task<double?> SpanMetricsBaselineAsync(
        VerifyProbe probe,
        CancellationToken cancellation
    )
    {
        try
        {
            return await SpanCallsAsync(probe.SpanName, probe.Tenant, cancellation);
        }
        catch (Exception e)
            when (e is HttpRequestException or VerifyQueryException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The counter changes from its baseline in the span's tenant, and the series is absent elsewhere.</summary>
    public async Task<CheckResult> SpanMetricsAsync(
        VerifyProbe probe,
        double? baseline,
        IReadOnlyList<string> others,
        CancellationToken cancellation
    )
    {
        var clock = Stopwatch.StartNew();
        string? error = null;
        var seen = await deadline.PollAsync(
            Tolerant(
                e => error = e,
                async token =>
                    await SpanCallsAsync(probe.SpanName, probe.Tenant, token) is { } value
                    && value != baseline
            ),
            TimeSpan.FromSeconds(1),
            cancellation
        );
        if (!seen)
        {
            return CheckResult.Fail(
                SpanMetrics,
                probe.Tenant,
                error
                    ?? $"Tempo → Mimir: the span metrics of Verify's span never appeared in tenant {probe.Tenant} within {deadline.Total.TotalSeconds:0} s: check Tempo's metrics_generator (remote_write to Mimir) and its logs."
            );
        }
        var latency = clock.Elapsed;
        var leaked = new List<string>();
        foreach (var other in others)
        {
            if (await SpanCallsAsync(probe.SpanName, other, cancellation) is not null)
            {
                leaked.Add(other);
            }
        }
        return leaked.Count == 0
            ? CheckResult.Pass(
                SpanMetrics,
                probe.Tenant,
                latency,
                $"{BackendQueries.SpanMetricsCalls} in its tenant only"
            )
            : new(
                SpanMetrics,
                probe.Tenant,
                Outcome.Fail,
                latency,
                $"Tempo → Mimir (isolation): span metrics of tenant {probe.Tenant} also appear under {string.Join(", ", leaked)}: check metrics_generator's remote_write headers in tempo.yaml."
            );
    }

    /// <summary><c>up == 1</c> for each component's scrape job in the self-monitoring tenant.</summary>
    public Task<CheckResult> SelfMonitoringAsync(
        string tenant,
        IReadOnlyList<string> jobs,
        CancellationToken cancellation
    ) =>
        UntilNoProblemAsync(
            SelfMonitoring,
            tenant,
            $"up = 1 for {string.Join(", ", jobs)}",
            async token =>
            {
                var up = BackendAnswers
                    .Vector(await GetAsync(BackendQueries.Prometheus(Url, "up"), tenant, token))
                    .Where(s => s.Value == 1)
                    .Select(s => s.Labels.GetValueOrDefault("job"))
                    .ToHashSet();
                var missing = jobs.Where(j => !up.Contains(j)).ToArray();
                return missing.Length == 0
                    ? null
                    : $"Alloy → Mimir: up is not 1 for job(s) {string.Join(", ", missing)} in tenant {tenant}: check prometheus.scrape \"components\" in config.alloy and that those services run.";
            },
            cancellation
        );

    /// <summary>Polls until <paramref name="problemOf"/> finds nothing wrong (null); its last answer is the failure.</summary>
    private async Task<CheckResult> UntilNoProblemAsync(
        string check,
        string tenant,
        string passDetail,
        Func<CancellationToken, Task<string?>> problemOf,
        CancellationToken cancellation
    )
    {
        var clock = Stopwatch.StartNew();
        string? problem = null;
        var ok = await deadline.PollAsync(
            Tolerant(e => problem = e, async token => (problem = await problemOf(token)) is null),
            TimeSpan.FromSeconds(1),
            cancellation
        );
        return ok
            ? CheckResult.Pass(check, tenant, clock.Elapsed, passDetail)
            : CheckResult.Fail(check, tenant, problem ?? "");
    }

    private Uri Url =>
        mimir
        ?? throw new VerifyQueryException(Hops.NotConfigured("Mimir", VerifyArguments.MimirUrl));

    private async Task<double?> SpanCallsAsync(
        string spanName,
        string tenant,
        CancellationToken cancellation
    )
    {
        var series = BackendAnswers.Vector(
            await GetAsync(
                BackendQueries.Prometheus(Url, BackendQueries.SpanMetricsQuery(spanName)),
                tenant,
                cancellation
            )
        );
        return series.Count == 0 ? null : series.Sum(s => s.Value);
    }

    private async Task<string> GetAsync(Uri url, string tenant, CancellationToken cancellation) =>
        (await http.ReadAsync(url, tenant, "Mimir", cancellation)).Body;
}

/// <summary>
/// Polling that keeps going through query failures: <paramref name="lastError"/> is reset to null before each attempt
/// and hears its failure line, so what it holds at the deadline is why the last attempt failed.
/// </summary>
internal static class PollExtensions
{
    public static Func<CancellationToken, Task<bool>> Tolerant(
        Action<string?> lastError,
        Func<CancellationToken, Task<bool>> attempt
    ) =>
        async token =>
        {
            lastError(null);
            try
            {
                return await attempt(token);
            }
            catch (Exception e) when (e is VerifyQueryException or FormatException)
            {
                lastError(e.Message);
                return false;
            }
        };
}
