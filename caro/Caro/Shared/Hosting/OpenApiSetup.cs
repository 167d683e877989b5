using Scalar.AspNetCore;

namespace Caro.Shared.Hosting;

/// <summary>OpenAPI document at /openapi/v1.json and the Scalar UI at /scalar (on when CARO_OPENAPI_ENABLED, default: development).</summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddCaroOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
            options.AddDocumentTransformer(
                (document, _, _) =>
                {
                    document.Info.Title = "Caro API";
                    document.Info.Description = "Caro API documentation";
                    document.Info.Version = "v0.0.1";
                    return Task.CompletedTask;
                }
            )
        );

    public static void MapCaroOpenApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(options => options.WithTitle("Caro API"));
    }
}
