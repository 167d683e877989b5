using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Build.Image.Startup;

namespace EndToEnd.Tests.ImageLogic;

/// <summary>
/// The start-up profile of the default publish: the JIT's method list is read as the JIT writes it, and the
/// profile written from it names those methods in the assemblies they live in (read back here as crossgen2 reads it:
/// AssemblyDictionary → group method → ldtoken per method). The real image built from it runs in CaroImageTests.
/// </summary>
[TestFixture]
public sealed class StartupProfileTests
{
    private static readonly string Framework = Path.GetDirectoryName(
        typeof(object).Assembly.Location
    )!;

    [Test]
    public void AJitListLineNamesTypeMethodGenericArgumentsAndParameterCount()
    {
        var name = JitMethodName.ParseLine(
            "  12: JIT compiled System.Collections.Generic.Dictionary`2[System.__Canon,int]:TryInsert(System.__Canon,int,ubyte):ubyte:this [Tier0, IL size=12, code size=34]"
        )!;
        Assert.That(name.Owner.Name, Is.EqualTo("System.Collections.Generic.Dictionary`2"));
        Assert.That(
            name.Owner.Arguments.Select(a => a.Name),
            Is.EqualTo(new[] { "System.__Canon", "int" })
        );
        Assert.That(name.Name, Is.EqualTo("TryInsert"));
        Assert.That(name.ParameterCount, Is.EqualTo(3));

        var generic = JitMethodName.ParseLine(
            "3: JIT compiled System.Linq.Enumerable:ToArray[System.ValueTuple`2[int,System.__Canon]](System.Collections.Generic.IEnumerable`1[System.ValueTuple`2[int,System.__Canon]]):System.ValueTuple`2[int,System.__Canon][] [Tier0, IL size=1, code size=2]"
        )!;
        Assert.That(generic.MethodArguments.Single().Arguments.Count, Is.EqualTo(2));
        Assert.That(generic.ParameterCount, Is.EqualTo(1));
        Assert.That(
            JitMethodName
                .ParseLine("4: JIT compiled Program:Main() [Tier0, IL size=1, code size=2]")!
                .ParameterCount,
            Is.Zero
        );
    }

    [Test]
    public void LinesThatNameNoMetadataMethodAreSkipped()
    {
        Assert.That(
            JitMethodName.ParseLine(
                "5: JIT compiled ILStubClass:IL_STUB_PInvoke(long):int [FullOpts, IL size=1, code size=2]"
            ),
            Is.Null
        );
        Assert.That(
            JitMethodName.ParseLine(
                "6: JIT compiled (dynamicClass):lambda_method1(System.Runtime.CompilerServices.Closure) [Tier0, IL size=1, code size=2]"
            ),
            Is.Null
        );
        Assert.That(JitMethodName.ParseLine("Some other output"), Is.Null);
    }

    [Test]
    public void TheProfileNamesEachListedMethodInItsAssembly()
    {
        string[] lines =
        [
            "1: JIT compiled System.String:Concat(System.String,System.String):System.String [Tier0, IL size=1, code size=2]",
            "2: JIT compiled System.Collections.Generic.List`1[System.__Canon]:Add(System.__Canon):this [Tier0, IL size=1, code size=2]",
            "3: JIT compiled System.Collections.Generic.List`1[int]:.ctor(int):this [Tier0, IL size=1, code size=2]",
            "4: JIT compiled System.Array:Empty[System.__Canon]():System.__Canon[] [Tier0, IL size=1, code size=2]",
            "5: JIT compiled System.Collections.Generic.HashSet`1[System.__Canon]:Add(System.__Canon):ubyte:this [Tier0, IL size=1, code size=2]",
            "6: JIT compiled No.Such.Type:Method() [Tier0, IL size=1, code size=2]",
        ];
        var path = Path.Combine(Path.GetTempPath(), $"profile-{Guid.NewGuid():N}.mibc");
        try
        {
            using var types = new TypeIndex(Framework);
            var (methods, unresolved) = new MibcWriter(types).Write(
                lines.Select(JitMethodName.ParseLine).OfType<JitMethodName>(),
                path
            );
            Assert.That(unresolved, Is.EqualTo(1), "only the made-up type matches nothing");
            var named = ReadBack(path);
            Assert.That(named, Has.Count.EqualTo(methods));
            Assert.That(
                named,
                Is.SupersetOf(
                    new[]
                    {
                        "System.Private.CoreLib!System.String.Concat/2",
                        "System.Private.CoreLib!System.Collections.Generic.List`1<System.__Canon>.Add/1",
                        "System.Private.CoreLib!System.Collections.Generic.List`1<Int32>..ctor/1",
                        "System.Private.CoreLib!System.Array.Empty<System.__Canon>/0",
                        $"{typeof(HashSet<>).Assembly.GetName().Name}!System.Collections.Generic.HashSet`1<System.__Canon>.Add/1",
                    }
                )
            );
            Assert.That(named, Has.None.Contains("No.Such"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void OnlyTheOverloadWhoseParametersThePrintedTypesFitIsNamed()
    {
        // Math.Max has thirteen two-parameter overloads (byte, int, long, double, nint...).
        var path = Path.Combine(Path.GetTempPath(), $"profile-{Guid.NewGuid():N}.mibc");
        try
        {
            using var types = new TypeIndex(Framework);
            var (methods, unresolved) = new MibcWriter(types).Write(
                [
                    JitMethodName.ParseLine(
                        "1: JIT compiled System.Math:Max(int,int):int [Tier0, IL size=1, code size=2]"
                    )!,
                    JitMethodName.ParseLine(
                        "2: JIT compiled System.String:IndexOf(System.String,int):int:this [Tier0, IL size=1, code size=2]"
                    )!,
                ],
                path
            );
            Assert.That((methods, unresolved), Is.EqualTo((2, 0)));
            Assert.That(
                ReadBack(path),
                Is.EquivalentTo(
                    new[]
                    {
                        "System.Private.CoreLib!System.Math.Max/2",
                        "System.Private.CoreLib!System.String.IndexOf/2",
                    }
                )
            );
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The methods a profile names, as "assembly!type.method/parameters" (generic arguments in angle brackets).</summary>
    private static List<string> ReadBack(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var md = pe.GetMetadataReader();
        var dictionary = md.MethodDefinitions.Single(h =>
            md.GetString(md.GetMethodDefinition(h).Name) == "AssemblyDictionary"
        );
        var group = (MethodDefinitionHandle)Tokens(pe, md.GetMethodDefinition(dictionary)).Single();
        return Tokens(pe, md.GetMethodDefinition(group)).Select(t => Describe(md, t)).ToList();
    }

    private static IEnumerable<EntityHandle> Tokens(PEReader pe, MethodDefinition method)
    {
        var il = pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader();
        var tokens = new List<EntityHandle>();
        while (il.RemainingBytes > 0)
        {
            var op = (ILOpCode)il.ReadByte();
            if (op == ILOpCode.Ldtoken)
            {
                tokens.Add(MetadataTokens.EntityHandle(il.ReadInt32()));
            }
            else if (op == ILOpCode.Ldstr)
            {
                il.ReadInt32();
            }
        }
        return tokens;
    }

    private static string Describe(MetadataReader md, EntityHandle handle)
    {
        var suffix = "";
        if (handle.Kind == HandleKind.MethodSpecification)
        {
            var spec = md.GetMethodSpecification((MethodSpecificationHandle)handle);
            suffix =
                "<"
                + string.Join(",", spec.DecodeSignature(new Names(md), null).Select(Names.Strip))
                + ">";
            handle = spec.Method;
        }
        var member = md.GetMemberReference((MemberReferenceHandle)handle);
        var count = member.DecodeMethodSignature(new Names(md), null).ParameterTypes.Length;
        var parent =
            member.Parent.Kind == HandleKind.TypeSpecification
                ? md.GetTypeSpecification((TypeSpecificationHandle)member.Parent)
                    .DecodeSignature(new Names(md), null)
                : new Names(md).GetTypeFromReference(md, (TypeReferenceHandle)member.Parent, 0);
        return $"{parent}.{md.GetString(member.Name)}{suffix}/{count}";
    }

    /// <summary>Type names for the read-back: "assembly!namespace.name" for references.</summary>
    private sealed class Names(MetadataReader md) : ISignatureTypeProvider<string, object?>
    {
        public string GetTypeFromReference(
            MetadataReader reader,
            TypeReferenceHandle handle,
            byte rawTypeKind
        )
        {
            var type = md.GetTypeReference(handle);
            var scope = md.GetString(
                md.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope).Name
            );
            return $"{scope}!{md.GetString(type.Namespace)}.{md.GetString(type.Name)}";
        }

        public static string Strip(string name) =>
            name.Contains('!') ? name[(name.IndexOf('!') + 1)..] : name;

        public string GetGenericInstantiation(
            string genericType,
            System.Collections.Immutable.ImmutableArray<string> typeArguments
        ) => $"{genericType}<{string.Join(",", typeArguments.Select(Strip))}>";

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetGenericTypeParameter(object? context, int index) => "!" + index;

        public string GetGenericMethodParameter(object? context, int index) => "!!" + index;

        public string GetTypeFromDefinition(
            MetadataReader reader,
            TypeDefinitionHandle handle,
            byte rawTypeKind
        ) => "def";

        public string GetTypeFromSpecification(
            MetadataReader reader,
            object? context,
            TypeSpecificationHandle handle,
            byte rawTypeKind
        ) => "spec";

        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[,]";

        public string GetByReferenceType(string elementType) => elementType + "&";

        public string GetPointerType(string elementType) => elementType + "*";

        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) =>
            unmodifiedType;

        public string GetPinnedType(string elementType) => elementType;
    }
}
