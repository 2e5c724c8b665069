using System.Text;
using Kiln.Wasm.Binary;

namespace Kiln.Component.Binary;

/// <summary>
/// The component layer's view of a <see cref="WasmReader"/>: LEB128 integers, strings, sizes and leading bytes
/// with wasmparser's rules and error wording ("unexpected end-of-file", "invalid var_u32: integer too large",
/// "invalid leading byte (0x..) for ..."), every error a <see cref="ComponentDecodeException"/> at an offset in
/// the outermost binary. Bounds are checked here before the underlying reader is asked, so it never throws.
/// </summary>
internal ref struct ComponentReader
{
    private WasmReader _r;

    public ComponentReader(ReadOnlySpan<byte> data, int baseOffset) => _r = new WasmReader(data, baseOffset);

    public readonly int Offset => _r.Offset;
    public readonly int BaseOffset => _r.BaseOffset;
    public int Position { readonly get => _r.Position; set => _r.Position = value; }
    public readonly int Remaining => _r.Remaining;
    public readonly bool AtEnd => _r.AtEnd;
    public readonly ReadOnlySpan<byte> Data => _r.Data;

    public readonly ComponentDecodeException Error(string reason) => new(reason, Offset);
    public static ComponentDecodeException ErrorAt(string reason, int offset) => new(reason, offset);
    public readonly ComponentDecodeException Eof() => new("unexpected end-of-file", Offset);

    /// <summary>wasmparser's wording for a byte that starts no known alternative.</summary>
    public static ComponentDecodeException InvalidLeadingByte(byte b, string what, int offset) =>
        new($"invalid leading byte (0x{b:x}) for {what}", offset);

    public byte ReadByte()
    {
        if (_r.AtEnd) throw Eof();
        return _r.ReadByte();
    }

    public readonly byte PeekByte()
    {
        if (_r.AtEnd) throw Eof();
        return _r.PeekByte();
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if ((uint)count > (uint)_r.Remaining) throw Eof();
        return _r.ReadBytes(count);
    }

    /// <summary>The byte just read did not start any alternative of <paramref name="what"/>.</summary>
    public readonly ComponentDecodeException InvalidLeadingByte(byte b, string what) => InvalidLeadingByte(b, what, Offset - 1);

    public uint ReadU32()
    {
        byte b = ReadByte();
        if ((b & 0x80) == 0) return b;
        uint result = (uint)(b & 0x7f);
        for (int shift = 7; ; shift += 7)
        {
            b = ReadByte();
            result |= (uint)(b & 0x7f) << shift;
            if (shift >= 25 && (b >> (32 - shift)) != 0)
                throw ErrorAt((b & 0x80) != 0 ? "invalid var_u32: integer representation too long" : "invalid var_u32: integer too large", Offset - 1);
            if ((b & 0x80) == 0) return result;
        }
    }

    /// <summary>Signed 33-bit LEB128, the encoding of a <c>valtype</c> (negative values are type codes).</summary>
    public long ReadS33()
    {
        byte b = ReadByte();
        if ((b & 0x80) == 0) return (sbyte)(byte)(b << 1) >> 1;
        long result = b & 0x7f;
        int shift = 7;
        while (true)
        {
            b = ReadByte();
            result |= (long)(b & 0x7f) << shift;
            if (shift >= 25)
            {
                int signAndUnused = (sbyte)(byte)(b << 1) >> (33 - shift);
                if ((b & 0x80) != 0 || (signAndUnused != 0 && signAndUnused != -1))
                    throw ErrorAt("invalid var_s33: integer representation too long", Offset - 1);
                return result;
            }
            shift += 7;
            if ((b & 0x80) == 0) break;
        }
        int ashift = 64 - shift;
        return (result << ashift) >> ashift;
    }

    /// <summary>A count of items, at most <paramref name="limit"/> (wasmparser's "{desc} size is out of bounds")
    /// and, when items follow, backed by at least one byte per item, so nothing is allocated for a count the
    /// input cannot hold.</summary>
    public int ReadSize(int limit, string desc, bool itemsFollow = true)
    {
        int at = Offset;
        uint n = ReadU32();
        if (n > (uint)limit) throw ErrorAt($"{desc} size is out of bounds", at);
        if (itemsFollow && n > (uint)_r.Remaining) throw Eof();
        return (int)n;
    }

    /// <summary>A section's item count: unlimited, but backed by the bytes that remain.</summary>
    public int ReadCount()
    {
        uint n = ReadU32();
        if (n > (uint)_r.Remaining) throw Eof();
        return (int)n;
    }

    public string ReadString(bool unlimited = false)
    {
        uint len = ReadU32();
        if (!unlimited && len > ComponentLimits.MaxStringSize) throw ErrorAt("string size out of bounds", Offset - 1);
        if (len > (uint)_r.Remaining) throw Eof();
        var bytes = _r.ReadBytes((int)len);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw ErrorAt("malformed UTF-8 encoding", Offset - 1);
        }
    }

    public bool ReadBool()
    {
        byte b = ReadByte();
        return b switch
        {
            0 => false,
            1 => true,
            _ => throw ErrorAt("invalid boolean value", Offset - 1),
        };
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
}
