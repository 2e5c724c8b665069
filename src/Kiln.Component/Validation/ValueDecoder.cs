using System.Buffers.Binary;
using System.Text;
using Kiln.Component.Model;
using Kiln.Component.Validation.Types;

namespace Kiln.Component.Validation;

/// <summary>
/// Checks the bytes of a value definition (🪙, Binary.md <c>val(t)</c>) against its type: every byte is
/// consumed, discriminants and enum indices are in range, floats are not NaN, chars and strings are UTF-8.
/// </summary>
internal ref struct ValueDecoder(TypeArena types, long offset)
{
    private ReadOnlySpan<byte> _bytes;
    private int _pos;

    public void Decode(ResolvedValType type, ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes;
        _pos = 0;
        Value(type);
        if (_pos != _bytes.Length) throw Fail("trailing bytes after value");
    }

    private void Value(ResolvedValType t)
    {
        if (t.IsPrimitive) { Primitive(t.Primitive); return; }
        var d = types.Defined(t.Type);
        switch (d.Kind)
        {
            case DefinedKind.Primitive: Primitive(d.Primitive); break;
            case DefinedKind.Record or DefinedKind.Tuple:
                foreach (var c in d.Types) Value(c!.Value);
                break;
            case DefinedKind.Variant:
            {
                uint i = U32();
                if (i >= d.Names.Length) throw Fail($"variant case {i} out of range");
                if (d.Types[i] is { } ct) Value(ct);
                break;
            }
            case DefinedKind.List:
            {
                uint n = U32();
                for (uint i = 0; i < n; i++) Value(d.Types[0]!.Value);
                break;
            }
            case DefinedKind.FixedList:
                for (uint i = 0; i < d.Length; i++) Value(d.Types[0]!.Value);
                break;
            case DefinedKind.Flags:
            {
                int n = (d.Names.Length + 7) / 8;
                var b = Take(n);
                int extra = n * 8 - d.Names.Length;
                if (extra > 0 && (b[^1] >> (8 - extra)) != 0) throw Fail("flags value sets unknown bits");
                break;
            }
            case DefinedKind.Enum:
                if (U32() >= d.Names.Length) throw Fail("enum value out of range");
                break;
            case DefinedKind.Option:
            {
                byte b = Byte();
                if (b == 1) Value(d.Types[0]!.Value);
                else if (b != 0) throw Fail("invalid option discriminant");
                break;
            }
            case DefinedKind.Result:
            {
                byte b = Byte();
                if (b > 1) throw Fail("invalid result discriminant");
                if (d.Types[b] is { } ct) Value(ct);
                break;
            }
            default:
                throw Fail($"values of type {d.Describe()} cannot be defined");
        }
    }

    private void Primitive(PrimValType p)
    {
        switch (p)
        {
            case PrimValType.Bool:
                if (Byte() > 1) throw Fail("invalid boolean value");
                break;
            case PrimValType.U8 or PrimValType.S8: Byte(); break;
            case PrimValType.U16 or PrimValType.U32 or PrimValType.U64: Leb(p == PrimValType.U16 ? 16 : p == PrimValType.U32 ? 32 : 64, false); break;
            case PrimValType.S16 or PrimValType.S32 or PrimValType.S64: Leb(p == PrimValType.S16 ? 16 : p == PrimValType.S32 ? 32 : 64, true); break;
            case PrimValType.F32:
                if (float.IsNaN(BinaryPrimitives.ReadSingleLittleEndian(Take(4)))) throw Fail("NaN is not a valid value");
                break;
            case PrimValType.F64:
                if (double.IsNaN(BinaryPrimitives.ReadDoubleLittleEndian(Take(8)))) throw Fail("NaN is not a valid value");
                break;
            case PrimValType.Char:
            {
                int lead = _pos < _bytes.Length ? _bytes[_pos] : throw Fail("unexpected end");
                int len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
                Utf8(Take(len), requireOneScalar: true);
                break;
            }
            case PrimValType.String:
                Utf8(Take((int)U32()), requireOneScalar: false);
                break;
            default:
                throw Fail($"values of type {p.ToText()} cannot be defined");
        }
    }

    private readonly void Utf8(ReadOnlySpan<byte> b, bool requireOneScalar)
    {
        try
        {
            string s = new UTF8Encoding(false, true).GetString(b);
            if (requireOneScalar && s.EnumerateRunes().Count() != 1) throw Fail("invalid char value");
        }
        catch (DecoderFallbackException) { throw Fail("malformed UTF-8 encoding"); }
    }

    private byte Byte() => _pos < _bytes.Length ? _bytes[_pos++] : throw Fail("unexpected end");

    private ReadOnlySpan<byte> Take(int n)
    {
        if (n < 0 || _bytes.Length - _pos < n) throw Fail("unexpected end");
        var s = _bytes.Slice(_pos, n);
        _pos += n;
        return s;
    }

    private uint U32() => (uint)Leb(32, false);

    private long Leb(int bits, bool signed)
    {
        long result = 0;
        int shift = 0;
        while (true)
        {
            byte b = Byte();
            result |= (long)(b & 0x7f) << shift;
            shift += 7;
            if ((b & 0x80) == 0)
            {
                if (signed && shift < 64 && (b & 0x40) != 0) result |= -1L << shift;
                return result;
            }
            if (shift >= bits + 7) throw Fail("integer representation too long");
        }
    }

    private readonly ComponentValidationException Fail(string reason) => new(reason, offset);
}
