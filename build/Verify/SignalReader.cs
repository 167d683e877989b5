namespace Build.Verify;

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
        var backend = Hops.Backend(signal);
        var baseUrl =
            endpoints.Reader(signal)
            ?? throw new VerifyQueryException(
                Hops.NotConfigured(backend, VerifyEndpoints.ReaderArgument(signal))
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
        // Tempo answers 404 for a trace it does not have.
        var answer = await http.ReadAsync(
            url,
            tenant,
            backend,
            cancellation,
            accepted: signal == Signal.Traces ? 404 : 0
        );
        if (answer.Status == 404)
        {
            return false;
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
            throw new VerifyQueryException(Hops.QueryFailed(backend, url, e.Message));
        }
    }
}
