using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Build.Image.Startup;

/// <summary>
/// The types of a folder of assemblies by the name the JIT prints (<c>Namespace.Outer+Inner`1</c>); one name can
/// live in several assemblies (every library has its own <c>System.SR</c>), so a name maps to a list.
/// </summary>
public sealed class TypeIndex : IDisposable
{
    private readonly List<PEReader> _files = [];
    private readonly Dictionary<string, List<(MetadataReader, TypeDefinitionHandle)>> _byName = new(
        StringComparer.Ordinal
    );

    public TypeIndex(string directory)
    {
        foreach (
            var path in Directory.EnumerateFiles(directory, "*.dll").Order(StringComparer.Ordinal)
        )
        {
            var pe = new PEReader(File.OpenRead(path));
            if (!pe.HasMetadata)
            {
                pe.Dispose();
                continue;
            }
            _files.Add(pe);
            var reader = pe.GetMetadataReader();
            foreach (var handle in reader.TypeDefinitions)
            {
                var name = FullName(reader, handle);
                if (!_byName.TryGetValue(name, out var list))
                {
                    _byName[name] = list = [];
                }
                list.Add((reader, handle));
            }
        }
    }

    public int AssemblyCount => _files.Count;

    public IReadOnlyList<(MetadataReader Reader, TypeDefinitionHandle Type)> Find(string name) =>
        _byName.TryGetValue(PrimitiveName(name) ?? name, out var list) ? list : [];

    public bool IsValueType(MetadataReader reader, TypeDefinitionHandle type)
    {
        var baseType = reader.GetTypeDefinition(type).BaseType;
        if (baseType.IsNil)
        {
            return false;
        }
        var (ns, name) = baseType.Kind switch
        {
            HandleKind.TypeReference => (
                reader.GetTypeReference((TypeReferenceHandle)baseType).Namespace,
                reader.GetTypeReference((TypeReferenceHandle)baseType).Name
            ),
            HandleKind.TypeDefinition => (
                reader.GetTypeDefinition((TypeDefinitionHandle)baseType).Namespace,
                reader.GetTypeDefinition((TypeDefinitionHandle)baseType).Name
            ),
            _ => (default, default),
        };
        return !ns.IsNil
            && reader.StringComparer.Equals(ns, "System")
            && (
                reader.StringComparer.Equals(name, "ValueType")
                || reader.StringComparer.Equals(name, "Enum")
            )
            && FullName(reader, type) != "System.Enum";
    }

    /// <summary>Whether the type named <paramref name="handle"/> (a TypeDef or TypeRef of <paramref name="reader"/>) is an enum.</summary>
    public bool IsEnum(MetadataReader reader, EntityHandle handle)
    {
        var name = handle.Kind switch
        {
            HandleKind.TypeDefinition => FullName(reader, (TypeDefinitionHandle)handle),
            HandleKind.TypeReference => ReferenceName(reader, (TypeReferenceHandle)handle),
            _ => "",
        };
        return Find(name)
            .Any(t =>
            {
                var baseType = t.Reader.GetTypeDefinition(t.Type).BaseType;
                return baseType.Kind == HandleKind.TypeReference
                    && t.Reader.StringComparer.Equals(
                        t.Reader.GetTypeReference((TypeReferenceHandle)baseType).Name,
                        "Enum"
                    );
            });
    }

    private static string ReferenceName(MetadataReader reader, TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        var name = reader.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return ReferenceName(reader, (TypeReferenceHandle)type.ResolutionScope) + "+" + name;
        }
        var ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>The signature code of a JIT primitive name (<c>int</c>, <c>ubyte</c>...), or null.</summary>
    public static SignatureTypeCode? Primitive(string name) =>
        name switch
        {
            "bool" => SignatureTypeCode.Boolean,
            "sbyte" => SignatureTypeCode.SByte,
            "byte" or "ubyte" => SignatureTypeCode.Byte,
            "short" => SignatureTypeCode.Int16,
            "ushort" => SignatureTypeCode.UInt16,
            "char" => SignatureTypeCode.Char,
            "int" => SignatureTypeCode.Int32,
            "uint" => SignatureTypeCode.UInt32,
            "long" => SignatureTypeCode.Int64,
            "ulong" => SignatureTypeCode.UInt64,
            "float" => SignatureTypeCode.Single,
            "double" => SignatureTypeCode.Double,
            "nint" => SignatureTypeCode.IntPtr,
            "nuint" => SignatureTypeCode.UIntPtr,
            _ => null,
        };

    private static string? PrimitiveName(string name) =>
        Primitive(name) is { } code ? "System." + code : null;

    private static string FullName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var name = reader.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
        {
            return FullName(reader, declaring) + "+" + name;
        }
        var ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    public void Dispose()
    {
        foreach (var file in _files)
        {
            file.Dispose();
        }
    }
}
