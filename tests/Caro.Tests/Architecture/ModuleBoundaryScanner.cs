using System.Reflection;
using System.Reflection.Emit;

namespace Caro.Tests.Architecture;

/// <summary>
/// Finds types of one module that use another module's <c>Internal</c> namespace: in signatures,
/// fields, base types, attributes' targets and — by decoding IL — inside method bodies (calls,
/// field access, object creation, casts, typeof).
/// A module is the namespace segment after <paramref name="modulesRoot"/> (e.g. Caro.Modules.Review).
/// </summary>
public static class ModuleBoundaryScanner
{
    private static readonly Dictionary<short, OpCode> OpCodes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    public sealed record Violation(string From, string FromModule, string Uses);

    public static IReadOnlyList<Violation> Scan(Assembly assembly, string modulesRoot)
    {
        var violations = new HashSet<Violation>();
        foreach (var type in assembly.GetTypes())
        {
            if (type.Namespace?.EndsWith(".CompiledModel", StringComparison.Ordinal) == true)
            {
                continue; // EF's generated model (dotnet ef dbcontext optimize) necessarily names every entity
            }
            var module = ModuleOf(type, modulesRoot);
            if (
                module is null
                && type.Namespace?.StartsWith(modulesRoot, StringComparison.Ordinal) != true
                && !IsOutsideModules(type, modulesRoot)
            )
            {
                continue;
            }
            foreach (var used in ReferencedTypes(type))
            {
                var usedModule = ModuleOf(used, modulesRoot);
                if (usedModule is null || usedModule == module || !IsInternal(used, modulesRoot))
                {
                    continue;
                }
                violations.Add(
                    new Violation(
                        type.FullName ?? type.Name,
                        module ?? "(outside modules)",
                        used.FullName ?? used.Name
                    )
                );
            }
        }
        return violations.OrderBy(v => v.From).ToList();
    }

    /// <summary>Types in the same assembly but outside <paramref name="modulesRoot"/> (Shared, hosting) must not reach into any module's Internal either.</summary>
    private static bool IsOutsideModules(Type type, string modulesRoot)
    {
        var root = modulesRoot.Split('.')[0];
        return type.Namespace?.StartsWith(root, StringComparison.Ordinal) == true;
    }

    private static string? ModuleOf(Type type, string modulesRoot)
    {
        var ns = type.Namespace;
        if (ns is null || !ns.StartsWith(modulesRoot + ".", StringComparison.Ordinal))
        {
            return null;
        }
        return ns[(modulesRoot.Length + 1)..].Split('.')[0];
    }

    private static bool IsInternal(Type type, string modulesRoot) =>
        type.Namespace!.Split('.').Skip(modulesRoot.Split('.').Length + 1).FirstOrDefault()
        == "Internal";

    private static IEnumerable<Type> ReferencedTypes(Type type)
    {
        const BindingFlags all =
            BindingFlags.Public
            | BindingFlags.NonPublic
            | BindingFlags.Instance
            | BindingFlags.Static
            | BindingFlags.DeclaredOnly;
        if (type.BaseType is { } baseType)
        {
            foreach (var t in Expand(baseType))
            {
                yield return t;
            }
        }
        foreach (var t in type.GetInterfaces().SelectMany(Expand))
        {
            yield return t;
        }
        foreach (var field in type.GetFields(all))
        {
            foreach (var t in Expand(field.FieldType))
            {
                yield return t;
            }
        }
        foreach (var property in type.GetProperties(all))
        {
            foreach (var t in Expand(property.PropertyType))
            {
                yield return t;
            }
        }
        foreach (
            var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all))
        )
        {
            if (method is MethodInfo info)
            {
                foreach (var t in Expand(info.ReturnType))
                {
                    yield return t;
                }
            }
            foreach (var t in method.GetParameters().SelectMany(p => Expand(p.ParameterType)))
            {
                yield return t;
            }
            foreach (var t in BodyReferences(method).SelectMany(Expand))
            {
                yield return t;
            }
        }
    }

    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var t in Expand(type.GetElementType()!))
            {
                yield return t;
            }
            yield break;
        }
        yield return type.IsGenericType && !type.IsGenericTypeDefinition
            ? type.GetGenericTypeDefinition()
            : type;
        if (type.IsGenericType)
        {
            foreach (
                var t in type.GetGenericArguments()
                    .Where(a => !a.IsGenericParameter)
                    .SelectMany(Expand)
            )
            {
                yield return t;
            }
        }
    }

    private static IEnumerable<Type> BodyReferences(MethodBase method)
    {
        byte[]? il;
        try
        {
            il = method.GetMethodBody()?.GetILAsByteArray();
        }
        catch (Exception)
        {
            yield break;
        }
        if (il is null)
        {
            yield break;
        }
        var typeArgs =
            method.DeclaringType?.IsGenericType == true
                ? method.DeclaringType.GetGenericArguments()
                : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[position++]);
            }
            if (!OpCodes.TryGetValue(value, out var opCode))
            {
                yield break; // unknown encoding: stop decoding this body
            }
            var size = OperandSize(opCode.OperandType, il, position);
            if (
                opCode.OperandType
                is OperandType.InlineMethod
                    or OperandType.InlineField
                    or OperandType.InlineType
                    or OperandType.InlineTok
            )
            {
                var token = BitConverter.ToInt32(il, position);
                Type? resolved = null;
                try
                {
                    var member = method.Module.ResolveMember(token, typeArgs, methodArgs);
                    resolved = member as Type ?? member?.DeclaringType;
                }
                catch (Exception)
                {
                    // Unresolvable token (e.g. vararg signature): ignore.
                }
                if (resolved is not null)
                {
                    yield return resolved;
                }
            }
            position += size;
        }
    }

    private static int OperandSize(OperandType type, byte[] il, int position) =>
        type switch
        {
            OperandType.InlineNone => 0,
            OperandType.ShortInlineBrTarget
            or OperandType.ShortInlineI
            or OperandType.ShortInlineVar => 1,
            OperandType.InlineVar => 2,
            OperandType.InlineI8 or OperandType.InlineR => 8,
            OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, position),
            _ => 4,
        };
}
