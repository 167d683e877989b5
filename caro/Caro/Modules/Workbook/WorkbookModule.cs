using Caro.Modules.Ingestion.Contracts;
using Caro.Modules.Workbook.Contracts;
using Caro.Modules.Workbook.Internal;
using Caro.Shared.Events;

namespace Caro.Modules.Workbook;

/// <summary>Workbook: decks and cards; creates the cards of completed ingestion jobs.</summary>
public static class WorkbookModule
{
    public static IServiceCollection AddWorkbookModule(this IServiceCollection services) =>
        services
            .AddSingleton<WorkbookLocks>()
            .AddScoped<IWorkbookService, WorkbookService>()
            .AddScoped<IEventListener<IngestionCompletedEvent>, IngestionCompletedListener>();

    public static void MapWorkbookEndpoints(this IEndpointRouteBuilder app) =>
        WorkbookEndpoints.Map(app);
}
