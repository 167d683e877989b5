using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace Build.Image.Startup;

/// <summary>
/// Whether a method's parameters can be the ones a JIT list line prints, so that only the overload that ran is
/// precompiled. Each parameter is compared by shape: a primitive by its keyword, <c>byref</c> and <c>ptr</c> as such,
/// a class or struct by any type name, an enum by a primitive keyword (the JIT prints its underlying type), a
/// generic parameter by anything (it prints as its instantiation).
/// </summary>
internal sealed class ParameterShape(TypeIndex types) : ISignatureTypeProvider<string, object?>
{
    public static bool Fits(
        TypeIndex types,
        MetadataReader reader,
        MethodDefinition method,
        IReadOnlyList<string> printed
    )
    {
        var parameters = method.DecodeSignature(new ParameterShape(types), null).ParameterTypes;
        return parameters.Length == printed.Count
            && parameters.Zip(printed).All(p => Fits(p.First, p.Second));
    }

    private static bool Fits(string shape, string printed) =>
        shape switch
        {
            "*" => true,
            "enum" => TypeIndex.Primitive(printed) is not null,
            "class" => printed is not ("byref" or "ptr") && TypeIndex.Primitive(printed) is null,
            "byref" or "ptr" => shape == printed,
            _ => TypeIndex.Primitive(shape) == TypeIndex.Primitive(printed),
        };

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) =>
        typeCode switch
        {
            PrimitiveTypeCode.Boolean => "bool",
            PrimitiveTypeCode.Char => "char",
            PrimitiveTypeCode.SByte => "sbyte",
            PrimitiveTypeCode.Byte => "byte",
            PrimitiveTypeCode.Int16 => "short",
            PrimitiveTypeCode.UInt16 => "ushort",
            PrimitiveTypeCode.Int32 => "int",
            PrimitiveTypeCode.UInt32 => "uint",
            PrimitiveTypeCode.Int64 => "long",
            PrimitiveTypeCode.UInt64 => "ulong",
            PrimitiveTypeCode.Single => "float",
            PrimitiveTypeCode.Double => "double",
            PrimitiveTypeCode.IntPtr => "nint",
            PrimitiveTypeCode.UIntPtr => "nuint",
            PrimitiveTypeCode.TypedReference => "class",
            _ => "class", // string, object (void is never a parameter)
        };

    public string GetTypeFromDefinition(
        MetadataReader reader,
        TypeDefinitionHandle handle,
        byte rawTypeKind
    ) => Kind(reader, handle, rawTypeKind);

    public string GetTypeFromReference(
        MetadataReader reader,
        TypeReferenceHandle handle,
        byte rawTypeKind
    ) => Kind(reader, handle, rawTypeKind);

    public string GetTypeFromSpecification(
        MetadataReader reader,
        object? genericContext,
        TypeSpecificationHandle handle,
        byte rawTypeKind
    ) => "class";

    private string Kind(MetadataReader reader, EntityHandle handle, byte rawTypeKind) =>
        rawTypeKind == (byte)SignatureTypeKind.ValueType && types.IsEnum(reader, handle)
            ? "enum"
            : "class";

    public string GetGenericInstantiation(
        string genericType,
        ImmutableArray<string> typeArguments
    ) => genericType;

    public string GetSZArrayType(string elementType) => "class";

    public string GetArrayType(string elementType, ArrayShape shape) => "class";

    public string GetByReferenceType(string elementType) => "byref";

    public string GetPointerType(string elementType) => "ptr";

    public string GetFunctionPointerType(MethodSignature<string> signature) => "ptr";

    public string GetGenericMethodParameter(object? genericContext, int index) => "*";

    public string GetGenericTypeParameter(object? genericContext, int index) => "*";

    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) =>
        unmodifiedType;

    public string GetPinnedType(string elementType) => elementType;
}
