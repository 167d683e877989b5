using System.Reflection;
using NetArchTest.Rules;

namespace Caro.Tests.Architecture;

/// <summary>
/// The module boundary, checked with NetArchTest.Rules (it reads signatures and method bodies):
/// no type outside a module — another module, Shared, the host — depends on that module's
/// <c>Internal</c> namespace; only the module's <c>Contracts</c> (and its registration class) are public.
/// </summary>
public static class ModuleBoundaryRule
{
    /// <summary>"Type -> Root.Module.Internal" for every violation, sorted; empty when every boundary holds.</summary>
    /// <param name="exempt">Namespaces not checked (EF's generated model necessarily names every entity).</param>
    public static IReadOnlyList<string> Violations(
        Assembly assembly,
        string root,
        IEnumerable<string> modules,
        params string[] exempt
    )
    {
        var found = new List<string>();
        foreach (var module in modules)
        {
            var internals = $"{root}.{module}.Internal";
            var outsiders = Types
                .InAssembly(assembly)
                .That()
                .DoNotResideInNamespace($"{root}.{module}");
            foreach (var ns in exempt)
            {
                outsiders = outsiders.And().DoNotResideInNamespace(ns);
            }
            var result = outsiders.ShouldNot().HaveDependencyOn(internals).GetResult();
            found.AddRange((result.FailingTypeNames ?? []).Select(t => $"{t} -> {internals}"));
        }
        return found.Order(StringComparer.Ordinal).ToList();
    }
}
