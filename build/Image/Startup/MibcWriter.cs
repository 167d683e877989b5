using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Build.Image.Startup;

/// <summary>
/// Writes a profile in crossgen2's .mibc format, a small IL assembly: a global method <c>AssemblyDictionary</c> holding
/// <c>ldstr group; ldtoken groupMethod; pop</c>, and a group method holding <c>ldtoken method; pop</c> per
/// profiled method. Methods are referenced by MemberRef/MethodSpec into the assemblies they live in, with
/// their signatures copied from those assemblies. <c>crossgen2 --partial --mibc FILE</c> then precompiles
/// exactly these methods. Names that match no method (stale list) are skipped and counted.
/// </summary>
public sealed class MibcWriter
{
    private readonly MetadataBuilder _md = new();
    private readonly TypeIndex _types;
    private readonly Dictionary<string, AssemblyReferenceHandle> _assemblies = new(
        StringComparer.Ordinal
    );
    private readonly Dictionary<(MetadataReader, EntityHandle), EntityHandle> _translated = [];

    public MibcWriter(TypeIndex types) => _types = types;

    /// <summary>Writes <paramref name="path"/>; returns how many methods it names and how many names matched nothing.</summary>
    public (int Methods, int Unresolved) Write(IEnumerable<JitMethodName> names, string path)
    {
        var methods = new List<EntityHandle>();
        var seen = new HashSet<EntityHandle>();
        var unresolved = 0;
        foreach (var name in names.Distinct(new NameComparer()))
        {
            var found = Resolve(name).ToList();
            unresolved += found.Count == 0 ? 1 : 0;
            methods.AddRange(found.Where(seen.Add));
        }
        var il = new BlobBuilder();
        var bodies = new MethodBodyStreamEncoder(il);
        _md.AddModule(
            0,
            _md.GetOrAddString("CaroStartup.mibc"),
            _md.GetOrAddGuid(Guid.Empty),
            default,
            default
        );
        _md.AddAssembly(
            _md.GetOrAddString("CaroStartup"),
            new Version(1, 0, 0, 0),
            default,
            default,
            0,
            AssemblyHashAlgorithm.None
        );
        _md.AddTypeDefinition(
            default,
            default,
            _md.GetOrAddString("<Module>"),
            default,
            MetadataTokens.FieldDefinitionHandle(1),
            MetadataTokens.MethodDefinitionHandle(1)
        );
        var signature = new BlobBuilder();
        new BlobEncoder(signature).MethodSignature().Parameters(0, r => r.Void(), _ => { });
        var voidSignature = _md.GetOrAddBlob(signature);

        var group = new InstructionEncoder(new BlobBuilder());
        foreach (var method in methods)
        {
            group.OpCode(ILOpCode.Ldtoken);
            group.Token(method);
            group.OpCode(ILOpCode.Pop);
        }
        group.OpCode(ILOpCode.Ret);
        MethodDefinitionHandle AddMethod(string name, InstructionEncoder body) =>
            _md.AddMethodDefinition(
                MethodAttributes.Static | MethodAttributes.Public,
                MethodImplAttributes.IL,
                _md.GetOrAddString(name),
                voidSignature,
                bodies.AddMethodBody(body, maxStack: 8),
                default
            );
        var groupMethod = AddMethod("CaroStartup", group);

        // The group's name lists the assemblies it refers to; crossgen2 uses it when they are all in the version bubble.
        var dictionary = new InstructionEncoder(new BlobBuilder());
        dictionary.LoadString(
            _md.GetOrAddUserString(
                string.Join(
                    ';',
                    _assemblies.Keys.Where(a => a != CanonAssembly).Order(StringComparer.Ordinal)
                )
            )
        );
        dictionary.OpCode(ILOpCode.Ldtoken);
        dictionary.Token(groupMethod);
        dictionary.OpCode(ILOpCode.Pop);
        dictionary.OpCode(ILOpCode.Ret);
        AddMethod("AssemblyDictionary", dictionary);

        var pe = new BlobBuilder();
        new ManagedPEBuilder(
            PEHeaderBuilder.CreateLibraryHeader(),
            new MetadataRootBuilder(_md),
            il,
            deterministicIdProvider: content => new BlobContentId(Guid.Empty, 0)
        ).Serialize(pe);
        File.WriteAllBytes(path, pe.ToArray());
        return (methods.Count, unresolved);
    }

    /// <summary>The MemberRefs (or MethodSpecs) of every method the name can mean: same type, name, generic arity and parameter count.</summary>
    private List<EntityHandle> Resolve(JitMethodName name)
    {
        var found = new List<EntityHandle>();
        foreach (var (reader, type) in _types.Find(name.Owner.Name))
        {
            try
            {
                AddMatches(name, reader, type, found);
            }
            catch (BadImageFormatException)
            {
                // a signature this profile cannot express: that method is left to the JIT
            }
        }
        return found;
    }

    private void AddMatches(
        JitMethodName name,
        MetadataReader reader,
        TypeDefinitionHandle type,
        List<EntityHandle> found
    )
    {
        var typeArity = reader.GetTypeDefinition(type).GetGenericParameters().Count;
        if (typeArity != name.Owner.Arguments.Count || name.Owner.IsArray)
        {
            return;
        }
        EntityHandle? parent = null;
        foreach (var handle in reader.GetTypeDefinition(type).GetMethods())
        {
            var method = reader.GetMethodDefinition(handle);
            if (
                !reader.StringComparer.Equals(method.Name, name.Name)
                || !Shape(reader, method, out var arity, out var count)
                || arity != name.MethodArguments.Count
                || count != name.ParameterCount
                || !ParameterShape.Fits(_types, reader, method, name.Parameters)
            )
            {
                continue;
            }
            parent ??=
                typeArity == 0
                    ? Translate(reader, type)
                    : Instantiated(reader, type, name.Owner.Arguments);
            var blob = new BlobBuilder();
            var signatureReader = reader.GetBlobReader(method.Signature);
            if (
                parent is null
                || !new SignatureCopier(this, reader).CopyMethod(ref signatureReader, blob)
            )
            {
                return;
            }
            var member = _md.AddMemberReference(
                parent.Value,
                _md.GetOrAddString(name.Name),
                _md.GetOrAddBlob(blob)
            );
            if (arity == 0)
            {
                found.Add(member);
            }
            else if (Encode(name.MethodArguments, 0x0A) is { } instantiation)
            {
                found.Add(_md.AddMethodSpecification(member, _md.GetOrAddBlob(instantiation)));
            }
        }
    }

    private static bool Shape(
        MetadataReader reader,
        MethodDefinition method,
        out int arity,
        out int count
    )
    {
        var blob = reader.GetBlobReader(method.Signature);
        var header = blob.ReadSignatureHeader();
        arity = header.IsGeneric ? blob.ReadCompressedInteger() : 0;
        count = blob.ReadCompressedInteger();
        return header.CallingConvention != SignatureCallingConvention.VarArgs;
    }

    private EntityHandle? Instantiated(
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
    private BlobBuilder? Encode(
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
    internal EntityHandle Translate(MetadataReader reader, EntityHandle handle)
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

    private sealed class NameComparer : IEqualityComparer<JitMethodName>
    {
        public bool Equals(JitMethodName? x, JitMethodName? y) => Key(x!) == Key(y!);

        public int GetHashCode(JitMethodName obj) => Key(obj).GetHashCode(StringComparison.Ordinal);

        private static string Key(JitMethodName name) =>
            $"{Text(name.Owner)}:{name.Name}[{string.Join(',', name.MethodArguments.Select(Text))}]({string.Join(',', name.Parameters)})";

        private static string Text(JitTypeName type) =>
            type.Name
            + (
                type.Arguments.Count > 0
                    ? "[" + string.Join(',', type.Arguments.Select(Text)) + "]"
                    : ""
            )
            + (type.IsArray ? "[]" : "");
    }
}
