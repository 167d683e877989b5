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
    private readonly ProfileReferences _refs;

    public MibcWriter(TypeIndex types)
    {
        _types = types;
        _refs = new ProfileReferences(_md, types);
    }

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
                string.Join(';', _refs.AssemblyNames.Order(StringComparer.Ordinal))
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
                    ? _refs.Translate(reader, type)
                    : _refs.Instantiated(reader, type, name.Owner.Arguments);
            var blob = new BlobBuilder();
            var signatureReader = reader.GetBlobReader(method.Signature);
            if (
                parent is null
                || !new SignatureCopier(_refs, reader).CopyMethod(ref signatureReader, blob)
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
            else if (_refs.Encode(name.MethodArguments, 0x0A) is { } instantiation)
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
