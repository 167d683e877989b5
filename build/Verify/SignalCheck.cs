using System.Diagnostics;
using static Build.Verify.PollExtensions;

namespace Build.Verify;

/// <summary>The time Verify waits for everything to show up, shared by all checks of a run.</summary>
public sealed class Deadline(TimeSpan total)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public TimeSpan Total => total;
    public TimeSpan Elapsed => _clock.Elapsed;
    public bool Expired => _clock.Elapsed >= total;

    /// <summary>Calls <paramref name="attempt"/> until it returns true or the deadline passes; false then.</summary>
    public async Task<bool> PollAsync(
        Func<CancellationToken, Task<bool>> attempt,
        TimeSpan interval,
        CancellationToken cancellation
    )
    {
        while (true)
        {
            if (await attempt(cancellation))
            {
                return true;
            }
            if (Expired)
            {
                return false;
            }
            // Wait for the next attempt, the last one at the deadline itself: at least 1 ms, since a shorter delay
            // completes at once and would turn the last moments into a burst of queries.
            var wait = total - _clock.Elapsed;
            var delay = wait < interval ? wait : interval;
            await Task.Delay(
                delay < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : delay,
                cancellation
            );
        }
    }
}

/// <summary>The verdict of one signal for one tenant, from what was seen where (pure).</summary>
public static class IsolationVerdict
{
    public static CheckResult Judge(
        Signal signal,
        bool direct,
        string tenant,
        TimeSpan? visibleAfter,
        IReadOnlyList<string> seenUnderOthers,
        int othersChecked,
        TimeSpan waited
    )
    {
        var check = signal.Name();
        if (visibleAfter is { } latency)
        {
            return seenUnderOthers.Count == 0
                ? CheckResult.Pass(
                    check,
                    tenant,
                    latency,
                    $"visible in {Hops.Backend(signal)}; absent under {othersChecked} other tenant(s)"
                )
                : new(
                    check,
                    tenant,
                    Outcome.Fail,
                    latency,
                    Hops.Leaked(signal, tenant, seenUnderOthers)
                );
        }
        return CheckResult.Fail(
            check,
            tenant,
            seenUnderOthers.Count > 0
                ? Hops.WrongTenant(signal, direct, tenant, seenUnderOthers[0])
                : Hops.NeverVisible(signal, direct, tenant, waited)
        );
    }
}

/// <summary>
/// One signal for one tenant: send the probe (to Alloy with <c>tenant_id</c>, or direct with X-Scope-OrgID), read it
/// back under the tenant until the deadline, then prove it absent under every other tenant.
/// </summary>
public sealed class SignalCheck(
    VerifyHttp http,
    VerifyEndpoints endpoints,
    SignalReader reader,
    Deadline deadline
)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    public async Task<CheckResult> RunAsync(
        Signal signal,
        VerifyProbe probe,
        IReadOnlyList<string> otherTenants,
        Action<CheckResult> progress,
        CancellationToken cancellation
    )
    {
        var check = signal.Name();
        var tenant = probe.Tenant;
        if (endpoints.Otlp(signal) is not { } url)
        {
            var argument = endpoints.Direct ? $"otlp-{check}-url" : VerifyArguments.AlloyUrl;
            return Fail(
                Hops.NotConfigured(endpoints.Direct ? Hops.Backend(signal) : "Alloy", argument)
            );
        }
        progress(CheckResult.Pending(check, tenant, "sending"));
        var clock = Stopwatch.StartNew();
        try
        {
            var answer = await http.PostJsonAsync(
                url,
                probe.Body(signal),
                [endpoints.TenantHeader(tenant)],
                cancellation
            );
            if (!answer.Ok)
            {
                return Fail(
                    Hops.SendRefused(signal, endpoints.Direct, answer.Status, answer.FirstLine)
                );
            }
        }
        catch (HttpRequestException e)
        {
            return Fail(Hops.SendUnreachable(signal, endpoints.Direct, url, e.Message));
        }

        progress(CheckResult.Pending(check, tenant, $"sent; waiting for {Hops.Backend(signal)}"));
        string? queryError = null;
        var seen = await deadline.PollAsync(
            Tolerant(e => queryError = e, token => reader.SeenAsync(signal, probe, tenant, token)),
            Interval,
            cancellation
        );
        TimeSpan? latency = seen ? clock.Elapsed : null;
        if (!seen && queryError is not null)
        {
            return Fail(queryError);
        }

        progress(CheckResult.Pending(check, tenant, "checking the other tenants"));
        // A query failure here propagates: the Verifier makes it this check's failure line.
        var seenUnder = new List<string>();
        foreach (var other in otherTenants)
        {
            if (await reader.SeenAsync(signal, probe, other, cancellation))
            {
                seenUnder.Add(other);
            }
        }
        return IsolationVerdict.Judge(
            signal,
            endpoints.Direct,
            tenant,
            latency,
            seenUnder,
            otherTenants.Count,
            deadline.Total
        );

        CheckResult Fail(string detail) => CheckResult.Fail(check, tenant, detail);
    }
}
