using System.Diagnostics;
using System.Threading.Channels;
using Caro.Shared.Settings;

namespace Caro.Modules.Ingestion.Internal;

/// <summary>A job to run, with the uploading request's trace context so the work joins its trace.</summary>
internal sealed record IngestionWorkItem(string JobId, ActivityContext Parent);

/// <summary>Bounded in-process queue between the upload endpoint and <see cref="IngestionWorker"/>.</summary>
internal sealed class IngestionQueue(CaroSettings settings)
{
    private readonly Channel<IngestionWorkItem> _channel = Channel.CreateBounded<IngestionWorkItem>(
        new BoundedChannelOptions(settings.IngestionQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
        }
    );

    public bool TryEnqueue(IngestionWorkItem item) => _channel.Writer.TryWrite(item);

    public ChannelReader<IngestionWorkItem> Reader => _channel.Reader;
}
