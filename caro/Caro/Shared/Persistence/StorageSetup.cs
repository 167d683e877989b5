using Caro.Shared.Settings;
using Microsoft.EntityFrameworkCore;

namespace Caro.Shared.Persistence;

/// <summary>
/// Chooses the EF Core provider: InMemory (the embedded default, one private database per process)
/// or MySQL/MariaDB through Pomelo when <c>CARO_DB_CONNECTION</c> is set.
/// </summary>
public static class StorageSetup
{
    public static IServiceCollection AddCaroStorage(
        this IServiceCollection services,
        CaroSettings settings
    )
    {
        var inMemoryName = $"caro-{Guid.NewGuid():N}";
        services.AddSingleton<DatabaseState>();
        services.AddHostedService<SchemaInitializer>();
        services.AddDbContextFactory<CaroDbContext>(options =>
        {
            if (settings.UsesMySql)
            {
                options.UseMySql(
                    settings.DbConnection,
                    ResolveServerVersion(settings),
                    mysql => mysql.EnableRetryOnFailure(0)
                );
            }
            else
            {
                // The model compiled by `dotnet ef dbcontext optimize` (CompiledModel/, regenerate when an
                // entity changes; a test compares it with the model built at run time): saves building
                // the model at start, most of the time to /health/ready.
                options
                    .UseInMemoryDatabase(inMemoryName)
                    .UseModel(CompiledModel.CaroDbContextModel.Instance);
            }
        });
        return services;
    }

    private static ServerVersion ResolveServerVersion(CaroSettings settings)
    {
        if (settings.DbServerVersion is { } configured)
        {
            try
            {
                return ServerVersion.Parse(configured);
            }
            catch (Exception)
            {
                throw new SettingsException(
                    $"{CaroSettings.DbServerVersionKey} must look like 11.4.2-mariadb or 8.0.36-mysql (got '{configured}')."
                );
            }
        }
        try
        {
            return ServerVersion.AutoDetect(settings.DbConnection);
        }
        catch (Exception)
        {
            // The server is not reachable yet: assume a current MariaDB; readiness reports the outage.
            return new MariaDbServerVersion(new Version(10, 11, 0));
        }
    }
}
