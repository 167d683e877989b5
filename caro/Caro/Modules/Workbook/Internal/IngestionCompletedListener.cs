using Caro.Modules.Ingestion.Contracts;
using Caro.Modules.Workbook.Contracts;
using Caro.Shared.Events;

namespace Caro.Modules.Workbook.Internal;

/// <summary>Adds the cards an ingestion job extracted to the job's deck.</summary>
internal sealed class IngestionCompletedListener(
    IWorkbookService workbook,
    ILogger<IngestionCompletedListener> logger
) : IEventListener<IngestionCompletedEvent>
{
    public int Order => 0;

    public async Task HandleAsync(
        IngestionCompletedEvent @event,
        CancellationToken cancellationToken
    )
    {
        var cards = @event.ExtractedCards.Select(c => new CardContent(c.Front, c.Back)).ToList();
        var created = await workbook.CreateCardsBulkAsync(@event.DeckId, cards, cancellationToken);
        logger.LogInformation(
            "Ingestion job {JobId} added {Count} cards to deck {DeckId}",
            @event.JobId,
            created.Count,
            @event.DeckId
        );
    }
}
