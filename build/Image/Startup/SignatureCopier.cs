using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Build.Image.Startup;

/// <summary>
/// Copies a signature blob from an assembly into the profile (ECMA-335 II.23.2), rewriting each type token into
/// the profile's own TypeRef/TypeSpec for the same type. False for what a profile never needs (varargs, unknown codes).
/// </summary>
internal readonly struct SignatureCopier(ProfileReferences writer, MetadataReader reader)
{
    public bool CopyMethod(ref BlobReader from, BlobBuilder to)
    {
        var header = from.ReadSignatureHeader();
        to.WriteByte(header.RawValue);
        if (header.IsGeneric)
        {
            to.WriteCompressedInteger(from.ReadCompressedInteger());
        }
        var count = from.ReadCompressedInteger();
        to.WriteCompressedInteger(count);
        for (var i = 0; i <= count; i++) // the return type, then each parameter
        {
            if (!CopyType(ref from, to))
            {
                return false;
            }
        }
        return true;
    }

    public bool CopyType(ref BlobReader from, BlobBuilder to)
    {
        var code = from.ReadByte();
        to.WriteByte(code);
        switch ((SignatureTypeCode)code)
        {
            case >= SignatureTypeCode.Void and <= SignatureTypeCode.String:
            case SignatureTypeCode.TypedReference:
            case SignatureTypeCode.IntPtr:
            case SignatureTypeCode.UIntPtr:
            case SignatureTypeCode.Object:
                return true;
            case SignatureTypeCode.Pointer:
            case SignatureTypeCode.ByReference:
            case SignatureTypeCode.SZArray:
            case SignatureTypeCode.Pinned:
                return CopyType(ref from, to);
            case (SignatureTypeCode)SignatureTypeKind.Class:
            case (SignatureTypeCode)SignatureTypeKind.ValueType:
                CopyHandle(ref from, to);
                return true;
            case SignatureTypeCode.GenericTypeParameter:
            case SignatureTypeCode.GenericMethodParameter:
                to.WriteCompressedInteger(from.ReadCompressedInteger());
                return true;
            case SignatureTypeCode.Array:
                if (!CopyType(ref from, to))
                {
                    return false;
                }
                to.WriteCompressedInteger(from.ReadCompressedInteger()); // rank
                for (var sizes = Copy(ref from, to); sizes > 0; sizes--)
                {
                    Copy(ref from, to);
                }
                for (var bounds = Copy(ref from, to); bounds > 0; bounds--)
                {
                    to.WriteCompressedSignedInteger(from.ReadCompressedSignedInteger());
                }
                return true;
            case SignatureTypeCode.GenericTypeInstance:
                to.WriteByte(from.ReadByte()); // class or value type
                CopyHandle(ref from, to);
                for (var arguments = Copy(ref from, to); arguments > 0; arguments--)
                {
                    if (!CopyType(ref from, to))
                    {
                        return false;
                    }
                }
                return true;
            case SignatureTypeCode.FunctionPointer:
                return CopyMethod(ref from, to);
            case SignatureTypeCode.RequiredModifier:
            case SignatureTypeCode.OptionalModifier:
                CopyHandle(ref from, to);
                return CopyType(ref from, to);
            default:
                return false;
        }
    }

    private static int Copy(ref BlobReader from, BlobBuilder to)
    {
        var value = from.ReadCompressedInteger();
        to.WriteCompressedInteger(value);
        return value;
    }

    private void CopyHandle(ref BlobReader from, BlobBuilder to) =>
        to.WriteCompressedInteger(
            CodedIndex.TypeDefOrRefOrSpec(writer.Translate(reader, from.ReadTypeHandle()))
        );
}
