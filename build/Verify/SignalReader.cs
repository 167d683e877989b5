namespace Build.Verify;

/// <summary>A backend answered a query with an error (not "nothing found").</summary>
public sealed class VerifyQueryException(string message) : Exception(message);

/// <summary>Reads a probe back from Loki, Mimir or Tempo under one tenant: found or not.</summary>
public sealed class SignalReader(VerifyHttp http, VerifyEndpoints endpoints)
{
    /// <summary>Loki's query window around the probe's time (clocks of host and containers may differ a little).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public async Task<bool> SeenAsync(
        Signal signal,
        VerifyProbe probe,
        string tenant,
        CancellationToken cancellation
    )
    {
        var baseUrl =
            endpoints.Reader(signal)
            ?? throw new VerifyQueryException(
                Hops.NotConfigured(Hops.Backend(signal), VerifyEndpoints.ReaderArgument(signal))
            );
        var url = signal switch
        {
            Signal.Logs => BackendQueries.Loki(
                baseUrl,
                BackendQueries.LogQl(probe.Id),
                probe.Time - Window,
                probe.Time + Window
            ),
            Signal.Metrics => BackendQueries.Prometheus(baseUrl, BackendQueries.PromQl(probe.Id)),
            _ => BackendQueries.Trace(baseUrl, probe.TraceId),
        };
        HttpAnswer answer;
        try
        {
            answer = await http.GetAsync(url, tenant, cancellation);
        }
        catch (HttpRequestException e)
        {
            throw new VerifyQueryException(Hops.QueryFailed(Hops.Backend(signal), url, e.Message));
        }
        if (signal == Signal.Traces && answer.Status == 404)
        {
            return false;
        }
        if (!answer.Ok)
        {
            throw new VerifyQueryException(
                Hops.QueryFailed(
                    Hops.Backend(signal),
                    url,
                    $"HTTP {answer.Status}: {answer.FirstLine}"
                )
            );
        }
        try
        {
            return signal switch
            {
                Signal.Logs => BackendAnswers
                    .LokiLines(answer.Body)
                    .Any(l => l.Contains(probe.Id, StringComparison.Ordinal)),
                Signal.Metrics => BackendAnswers.Vector(answer.Body).Count > 0,
                _ => BackendAnswers.TraceHasSpans(answer.Body),
            };
        }
        catch (FormatException e)
        {
            throw new VerifyQueryException(Hops.QueryFailed(Hops.Backend(signal), url, e.Message));
        }
    }
}
