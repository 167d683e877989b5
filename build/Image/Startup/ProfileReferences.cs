using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Build.Image.Startup;

/// <summary>
/// The references a profile makes into other assemblies: AssemblyRefs by name, TypeRefs and TypeSpecs for the
/// types a signature or a JIT name mentions, and <c>System.__Canon</c> of the pseudo-assembly crossgen2 reads as
/// the canonical (shared generic) type.
/// </summary>
internal sealed class ProfileReferences(MetadataBuilder md, TypeIndex types)
{
    private readonly MetadataBuilder _md = md;
    private readonly TypeIndex _types = types;
    private readonly Dictionary<string, AssemblyReferenceHandle> _assemblies = new(
        StringComparer.Ordinal
    );
    private readonly Dictionary<(MetadataReader, EntityHandle), EntityHandle> _translated = [];

    /// <summary>The assemblies referenced so far (the pseudo-assembly of the canonical type left out).</summary>
    public IEnumerable<string> AssemblyNames => _assemblies.Keys.Where(a => a != CanonAssembly);

    public EntityHandle? Instantiated(
        MetadataReader reader,
        TypeDefinitionHandle type,
        IReadOnlyList<JitTypeName> arguments
    )
    {
        var blob = new BlobBuilder();
        blob.WriteByte((byte)SignatureTypeCode.GenericTypeInstance);
        blob.WriteByte(
            (byte)(
                _types.IsValueType(reader, type)
                    ? SignatureTypeKind.ValueType
                    : SignatureTypeKind.Class
            )
        );
        blob.WriteCompressedInteger(CodedIndex.TypeDefOrRefOrSpec(Translate(reader, type)));
        return Encode(arguments, null, blob) is { } done
            ? _md.AddTypeSpecification(_md.GetOrAddBlob(done))
            : null;
    }

    /// <summary>Encodes generic arguments (after an optional lead byte such as 0x0A for a MethodSpec); null when one is unknown.</summary>
    public BlobBuilder? Encode(
        IReadOnlyList<JitTypeName> arguments,
        byte? lead,
        BlobBuilder? blob = null
    )
    {
        blob ??= new BlobBuilder();
        if (lead is { } first)
        {
            blob.WriteByte(first);
        }
        blob.WriteCompressedInteger(arguments.Count);
        return arguments.All(a => EncodeType(a, blob)) ? blob : null;
    }

    private bool EncodeType(JitTypeName type, BlobBuilder blob)
    {
        if (type.IsArray)
        {
            blob.WriteByte((byte)SignatureTypeCode.SZArray);
            return EncodeType(type with { IsArray = false }, blob);
        }
        if (type.Arguments.Count == 0 && TypeIndex.Primitive(type.Name) is { } code)
        {
            blob.WriteByte((byte)code);
            return true;
        }
        if (type.Name == CanonName && type.Arguments.Count == 0)
        {
            // Shared generic code: crossgen2 reads System.__Canon of the pseudo-assembly System.Private.Canon as its canonical type.
            blob.WriteByte((byte)SignatureTypeKind.Class);
            blob.WriteCompressedInteger(CodedIndex.TypeDefOrRefOrSpec(Canon()));
            return true;
        }
        var candidates = _types.Find(type.Name);
        if (candidates.Count == 0)
        {
            return false;
        }
        var (reader, definition) = candidates[0];
        var valueType = _types.IsValueType(reader, definition);
        if (type.Arguments.Count > 0)
        {
            blob.WriteByte((byte)SignatureTypeCode.GenericTypeInstance);
        }
        blob.WriteByte((byte)(valueType ? SignatureTypeKind.ValueType : SignatureTypeKind.Class));
        blob.WriteCompressedInteger(CodedIndex.TypeDefOrRefOrSpec(Translate(reader, definition)));
        return type.Arguments.Count == 0 || Encode(type.Arguments, null, blob) is not null;
    }

    /// <summary>The handle in the profile that names what <paramref name="handle"/> names in <paramref name="reader"/>'s assembly.</summary>
    public EntityHandle Translate(MetadataReader reader, EntityHandle handle)
    {
        if (_translated.TryGetValue((reader, handle), out var done))
        {
            return done;
        }
        EntityHandle result;
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                var definition = reader.GetTypeDefinition((TypeDefinitionHandle)handle);
                var declaring = definition.GetDeclaringType();
                var scope = declaring.IsNil
                    ? Assembly(reader.GetString(reader.GetAssemblyDefinition().Name))
                    : Translate(reader, declaring);
                result = _md.AddTypeReference(
                    scope,
                    declaring.IsNil
                        ? _md.GetOrAddString(reader.GetString(definition.Namespace))
                        : default,
                    _md.GetOrAddString(reader.GetString(definition.Name))
                );
                break;
            case HandleKind.TypeReference:
                var reference = reader.GetTypeReference((TypeReferenceHandle)handle);
                var target = reference.ResolutionScope.Kind switch
                {
                    HandleKind.TypeReference => Translate(reader, reference.ResolutionScope),
                    HandleKind.AssemblyReference => Assembly(
                        reader.GetString(
                            reader
                                .GetAssemblyReference(
                                    (AssemblyReferenceHandle)reference.ResolutionScope
                                )
                                .Name
                        )
                    ),
                    _ => Assembly(reader.GetString(reader.GetAssemblyDefinition().Name)),
                };
                result = _md.AddTypeReference(
                    target,
                    _md.GetOrAddString(reader.GetString(reference.Namespace)),
                    _md.GetOrAddString(reader.GetString(reference.Name))
                );
                break;
            default:
                var spec = reader.GetTypeSpecification((TypeSpecificationHandle)handle);
                var blobReader = reader.GetBlobReader(spec.Signature);
                var blob = new BlobBuilder();
                if (!new SignatureCopier(this, reader).CopyType(ref blobReader, blob))
                {
                    throw new BadImageFormatException("unsupported type specification");
                }
                result = _md.AddTypeSpecification(_md.GetOrAddBlob(blob));
                break;
        }
        _translated[(reader, handle)] = result;
        return result;
    }

    private const string CanonName = "System.__Canon";
    private const string CanonAssembly = "System.Private.Canon";

    private EntityHandle Canon()
    {
        if (!_assemblies.ContainsKey(CanonAssembly))
        {
            _canon = _md.AddTypeReference(
                Assembly(CanonAssembly),
                _md.GetOrAddString("System"),
                _md.GetOrAddString("__Canon")
            );
        }
        return _canon;
    }

    private EntityHandle _canon;

    private AssemblyReferenceHandle Assembly(string name)
    {
        if (!_assemblies.TryGetValue(name, out var handle))
        {
            handle = _md.AddAssemblyReference(
                _md.GetOrAddString(name),
                new Version(0, 0, 0, 0),
                default,
                default,
                0,
                default
            );
            _assemblies[name] = handle;
        }
        return handle;
    }
}
