using Microsoft.EntityFrameworkCore;

namespace Caro.Shared.Persistence;

/// <summary>
/// One database for all modules. Each module contributes its tables through
/// <see cref="IEntityTypeConfiguration{TEntity}"/> classes in its own Internal folder; this context
/// finds them by scanning the assembly, so Shared never references a module's internals.
/// </summary>
public sealed class CaroDbContext(DbContextOptions<CaroDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CaroDbContext).Assembly);
}
