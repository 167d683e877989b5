using Caro.Shared.Persistence;
using Caro.Shared.Persistence.CompiledModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Caro.Tests.Domain;

/// <summary>
/// The compiled EF model (caro/Caro/Shared/Persistence/CompiledModel, used with the InMemory provider for a
/// fast start) must describe the same model as the entity configurations. When this fails, regenerate it:
/// see caro/README.md, "Storage".
/// </summary>
public sealed class CompiledModelTests
{
    [Test]
    public void CompiledModelMatchesTheEntityConfigurations()
    {
        using var built = new CaroDbContext(
            new DbContextOptionsBuilder<CaroDbContext>().UseInMemoryDatabase("built").Options
        );
        using var compiled = new CaroDbContext(
            new DbContextOptionsBuilder<CaroDbContext>()
                .UseInMemoryDatabase("compiled")
                .UseModel(CaroDbContextModel.Instance)
                .Options
        );
        var expected = built.Model.ToDebugString(MetadataDebugStringOptions.ShortDefault);
        var actual = compiled.Model.ToDebugString(MetadataDebugStringOptions.ShortDefault);
        Assert.That(
            actual,
            Is.EqualTo(expected),
            "the compiled model is stale: regenerate it (caro/README.md, Storage)"
        );
        Assert.That(built.Model.GetEntityTypes().Count(), Is.EqualTo(9));
    }

    /// <summary>
    /// SchemaInitializer skips EnsureCreated on InMemory, whose only work would be inserting seed data (and
    /// building the design-time model to find it): with HasData in an entity configuration, it must run again.
    /// </summary>
    [Test]
    public void NoEntityHasSeedDataSoInMemoryNeedsNoEnsureCreated()
    {
        using var built = new CaroDbContext(
            new DbContextOptionsBuilder<CaroDbContext>().UseInMemoryDatabase("seed").Options
        );
        var design = built.GetService<IDesignTimeModel>().Model;
        Assert.That(
            design.GetEntityTypes().Where(e => e.GetSeedData().Any()).Select(e => e.Name),
            Is.Empty,
            "seed data found: make SchemaInitializer call EnsureCreated on InMemory too"
        );
    }
}
