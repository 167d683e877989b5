using Caro.Shared.Hosting;

namespace Caro.Tests.Architecture;

public sealed class ModuleBoundaryTests
{
    [Test]
    public void NoModuleReachesIntoAnotherModulesInternals()
    {
        var violations = ModuleBoundaryScanner.Scan(typeof(CaroApp).Assembly, "Caro.Modules");
        Assert.That(violations, Is.Empty, string.Join("\n", violations));
    }

    [Test]
    public void EveryModuleHasContractsAndInternals()
    {
        var namespaces = typeof(CaroApp)
            .Assembly.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(n => n.StartsWith("Caro.Modules.", StringComparison.Ordinal))
            .ToHashSet();
        string[] modules =
        [
            "Member",
            "Workbook",
            "Review",
            "Ingestion",
            "Gamification",
            "Analytics",
            "Notification",
            "Observatory",
        ];
        foreach (var module in modules)
        {
            Assert.That(namespaces, Does.Contain($"Caro.Modules.{module}.Contracts"), module);
            Assert.That(namespaces, Does.Contain($"Caro.Modules.{module}.Internal"), module);
        }
    }

    [Test]
    public void TheScannerCatchesViolationsInSignaturesAndMethodBodies()
    {
        // Fixtures below: Beta's code uses Alpha's internals in three ways; Alpha's own use and Beta's use of Alpha's contract are fine.
        var violations = ModuleBoundaryScanner.Scan(
            typeof(ModuleBoundaryTests).Assembly,
            "Caro.Tests.Architecture.Fixture.Modules"
        );
        var found = violations.Select(v => $"{v.From} -> {v.Uses}").ToList();
        Assert.That(
            found,
            Is.EquivalentTo(
                new[]
                {
                    "Caro.Tests.Architecture.Fixture.Modules.Beta.Internal.LeakyField -> Caro.Tests.Architecture.Fixture.Modules.Alpha.Internal.Secret",
                    "Caro.Tests.Architecture.Fixture.Modules.Beta.Internal.LeakyBody -> Caro.Tests.Architecture.Fixture.Modules.Alpha.Internal.Secret",
                    "Caro.Tests.Architecture.Fixture.Modules.Beta.Internal.LeakyGeneric -> Caro.Tests.Architecture.Fixture.Modules.Alpha.Internal.Secret",
                }
            ),
            string.Join("\n", found)
        );
    }
}
