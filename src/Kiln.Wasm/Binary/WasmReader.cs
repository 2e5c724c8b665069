namespace Kiln.Wasm.Binary;

/// <summary>
/// A forward-only reader over wasm binary bytes: LEB128 integers with the spec's range and padding
/// rules, floats, names and bytes. <see cref="BaseOffset"/> maps positions back to module offsets
/// so every error names the byte where it happened.
/// </summary>
public ref struct WasmReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _pos;

    public WasmReader(ReadOnlySpan<byte> data, int baseOffset = 0)
    {
        _data = data;
        BaseOffset = baseOffset;
    }

    public readonly int BaseOffset { get; }
    public int Position { readonly get => _pos; set => _pos = value; }
    public readonly int Length => _data.Length;
    public readonly int Remaining => _data.Length - _pos;
    public readonly bool AtEnd => _pos >= _data.Length;

    /// <summary>Offset of the current position in the whole module.</summary>
    public readonly int Offset => BaseOffset + _pos;
    public readonly ReadOnlySpan<byte> Data => _data;

    public readonly WasmDecodeException Error(string message) => new(message, Offset);
    public readonly WasmDecodeException Error(string message, int position) => new(message, BaseOffset + position);

    public byte ReadByte()
    {
        if (_pos >= _data.Length) throw Error("unexpected end");
        return _data[_pos++];
    }

    public readonly byte PeekByte()
    {
        if (_pos >= _data.Length) throw Error("unexpected end");
        return _data[_pos];
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > Remaining) throw Error("unexpected end");
        var s = _data.Slice(_pos, count);
        _pos += count;
        return s;
    }

    public uint ReadU32() => (uint)ReadUnsigned(32);
    public ulong ReadU64() => ReadUnsigned(64);
    public int ReadS32() => (int)ReadSigned(32);
    public long ReadS64() => ReadSigned(64);

    /// <summary>Signed 33-bit LEB128: the block type encoding.</summary>
    public long ReadS33() => ReadSigned(33);

    /// <summary>A count or length that must be backed by at least <paramref name="minBytesEach"/> bytes per item,
    /// so a hostile count of 2^32-1 is refused before anything is allocated for it.</summary>
    public int ReadCount(int minBytesEach = 1)
    {
        int at = _pos;
        uint n = ReadU32();
        if (n > int.MaxValue || (long)n * minBytesEach > Remaining)
        {
            throw Error(minBytesEach == 0 ? "too many items" : "unexpected end", at);
        }
        return (int)n;
    }

    public float ReadF32()
    {
        var b = ReadBytes(4);
        return BitConverter.Int32BitsToSingle(System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(b));
    }

    public uint ReadF32Bits() => System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4));
    public ulong ReadF64Bits() => System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8));

    /// <summary>A UTF-8 name prefixed by its byte length; invalid UTF-8 is malformed.</summary>
    public string ReadName()
    {
        int len = ReadCount();
        int at = _pos;
        var bytes = ReadBytes(len);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw Error("malformed UTF-8 encoding", at);
        }
    }

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(false, true);

    private ulong ReadUnsigned(int bits)
    {
        ulong result = 0;
        int shift = 0;
        int maxBytes = (bits + 6) / 7;
        for (int i = 0; ; i++)
        {
            if (_pos >= _data.Length) throw Error("unexpected end");
            byte b = _data[_pos++];
            if (i == maxBytes - 1)
            {
                // Last permitted byte: no continuation, and unused high bits must be zero.
                int used = bits - shift;
                if ((b & 0x80) != 0) throw Error("integer representation too long", _pos - 1);
                if (used < 7 && (b >> used) != 0) throw Error("integer too large", _pos - 1);
                result |= (ulong)b << shift;
                return result;
            }
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
            shift += 7;
        }
    }

    private long ReadSigned(int bits)
    {
        long result = 0;
        int shift = 0;
        int maxBytes = (bits + 6) / 7;
        for (int i = 0; ; i++)
        {
            if (_pos >= _data.Length) throw Error("unexpected end");
            byte b = _data[_pos++];
            if (i == maxBytes - 1)
            {
                if ((b & 0x80) != 0) throw Error("integer representation too long", _pos - 1);
                // The unused high bits must all equal the sign bit of the value.
                int used = bits - shift;
                if (used < 7)
                {
                    int signAndUnused = (sbyte)(byte)(b << 1) >> used; // bits [used-1 .. 6] sign-extended
                    if (signAndUnused != 0 && signAndUnused != -1) throw Error("integer too large", _pos - 1);
                }
                result |= (long)(b & 0x7F) << shift;
                shift += 7;
                if (shift < 64) result = (result << (64 - shift)) >> (64 - shift);
                return result;
            }
            result |= (long)(b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0)
            {
                if (shift < 64) result = (result << (64 - shift)) >> (64 - shift);
                return result;
            }
        }
    }
}
