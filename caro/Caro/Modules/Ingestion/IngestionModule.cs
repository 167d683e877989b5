using Caro.Modules.Ingestion.Contracts;
using Caro.Modules.Ingestion.Internal;

namespace Caro.Modules.Ingestion;

/// <summary>Ingestion: background card extraction jobs.</summary>
public static class IngestionModule
{
    public static IServiceCollection AddIngestionModule(this IServiceCollection services) =>
        services
            .AddSingleton<IngestionQueue>()
            .AddSingleton<IngestionJobStore>()
            .AddScoped<IIngestionService, IngestionService>()
            .AddHostedService<IngestionWorker>();

    public static void MapIngestionEndpoints(this IEndpointRouteBuilder app) =>
        IngestionEndpoints.Map(app);
}
