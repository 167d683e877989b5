using Caro.Modules;
using Caro.Shared.Hosting;

namespace Caro.Tests.Architecture;

public sealed class ModuleBoundaryTests
{
    private const string CompiledModel = $"{CaroModules.SharedNamespace}.Persistence.CompiledModel";

    private static IEnumerable<string> CaroNamespaces() =>
        typeof(CaroApp).Assembly.GetTypes().Select(t => t.Namespace).OfType<string>().Distinct();

    [Test]
    public void NoTypeReachesIntoAnotherModulesInternals()
    {
        var violations = ModuleBoundaryRule.Violations(
            typeof(CaroApp).Assembly,
            CaroModules.Root,
            CaroModules.All.Select(m => m.Name),
            CompiledModel
        );
        Assert.That(violations, Is.Empty, string.Join("\n", violations));
    }

    [Test]
    public void EveryListedModuleHasContractsAndInternals()
    {
        var namespaces = CaroNamespaces().ToHashSet();
        foreach (var module in CaroModules.All)
        {
            Assert.That(namespaces, Does.Contain($"{module.Namespace}.Contracts"), module.Name);
            Assert.That(namespaces, Does.Contain($"{module.Namespace}.Internal"), module.Name);
        }
    }

    [Test]
    public void EveryNamespaceBelongsToAListedModuleOrShared()
    {
        // A module folder missing from CaroModules.All would escape the boundary rule and the host.
        string[] owners =
        [
            CaroModules.Root,
            CaroModules.SharedNamespace,
            .. CaroModules.All.Select(m => m.Namespace),
        ];
        var caro = typeof(CaroApp).Assembly.GetName().Name + ".";
        var strays = CaroNamespaces()
            .Where(ns =>
                ns.StartsWith(caro, StringComparison.Ordinal) // not generated code (System.*, Microsoft.*)
                && ns != CaroModules.Root
                && !ns.StartsWith(CaroModules.SharedNamespace + ".", StringComparison.Ordinal)
                && !CaroModules.All.Any(m =>
                    ns == m.Namespace || ns.StartsWith(m.Namespace + ".", StringComparison.Ordinal)
                )
            )
            .ToList();
        Assert.That(strays, Is.Empty, $"namespaces outside {string.Join(", ", owners)}");
    }

    [Test]
    public void TheRuleCatchesViolationsInSignaturesMethodBodiesAndOutsideModules()
    {
        // BoundaryFixture: Beta uses Alpha's internals three ways and a host type once; Alpha's own
        // use, Beta's use of Alpha's contract and Alpha's use of Beta's contract are fine.
        const string fixture = "Caro.Tests.Architecture.Fixture";
        var violations = ModuleBoundaryRule.Violations(
            typeof(ModuleBoundaryTests).Assembly,
            $"{fixture}.Modules",
            ["Alpha", "Beta"]
        );
        const string alpha = $"{fixture}.Modules.Alpha.Internal";
        Assert.That(
            violations,
            Is.EqualTo(
                new[]
                {
                    $"{fixture}.Host.LeakyHost -> {alpha}",
                    $"{fixture}.Modules.Beta.Internal.LeakyBody -> {alpha}",
                    $"{fixture}.Modules.Beta.Internal.LeakyField -> {alpha}",
                    $"{fixture}.Modules.Beta.Internal.LeakyGeneric -> {alpha}",
                }
            ),
            string.Join("\n", violations)
        );
    }
}
