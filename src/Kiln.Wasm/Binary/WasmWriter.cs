using System.Buffers;
using System.Buffers.Binary;

namespace Kiln.Wasm.Binary;

/// <summary>
/// Appends wasm binary encodings (LEB128 integers, floats, names, raw bytes) to a growable buffer
/// rented from the shared pool. Dispose it when done; <see cref="ToArray"/> copies the result out.
/// </summary>
public sealed class WasmWriter : IDisposable
{
    private byte[] _buf;
    private int _len;

    public WasmWriter(int capacity = 256)
    {
        _buf = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 16));
    }

    public int Length => _len;
    public ReadOnlySpan<byte> WrittenSpan => _buf.AsSpan(0, _len);
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Forgets the contents but keeps the buffer, for reuse.</summary>
    public void Clear() => _len = 0;

    public void WriteByte(byte b)
    {
        if (_len == _buf.Length) Grow(1);
        _buf[_len++] = b;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        if (_len + bytes.Length > _buf.Length) Grow(bytes.Length);
        bytes.CopyTo(_buf.AsSpan(_len));
        _len += bytes.Length;
    }

    public void WriteU32(uint value) => WriteU64(value);

    public void WriteU64(ulong value)
    {
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            if (value != 0) b |= 0x80;
            WriteByte(b);
        } while (value != 0);
    }

    public void WriteS32(int value) => WriteS64(value);

    public void WriteS64(long value)
    {
        while (true)
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bool done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            if (!done) b |= 0x80;
            WriteByte(b);
            if (done) return;
        }
    }

    public void WriteF32Bits(uint bits)
    {
        Span<byte> tmp = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(tmp, bits);
        WriteBytes(tmp);
    }

    public void WriteF64Bits(ulong bits)
    {
        Span<byte> tmp = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(tmp, bits);
        WriteBytes(tmp);
    }

    public void WriteName(string name)
    {
        int n = System.Text.Encoding.UTF8.GetByteCount(name);
        WriteU32((uint)n);
        if (_len + n > _buf.Length) Grow(n);
        _len += System.Text.Encoding.UTF8.GetBytes(name, _buf.AsSpan(_len));
    }

    /// <summary>Writes <paramref name="content"/> prefixed by its length, as sections and bodies are framed.</summary>
    public void WriteSized(ReadOnlySpan<byte> content)
    {
        WriteU32((uint)content.Length);
        WriteBytes(content);
    }

    public void Dispose()
    {
        var b = _buf;
        _buf = [];
        _len = 0;
        if (b.Length > 0) ArrayPool<byte>.Shared.Return(b);
    }

    private void Grow(int extra)
    {
        int size = Math.Max(_buf.Length * 2, _len + extra);
        var nb = ArrayPool<byte>.Shared.Rent(size);
        _buf.AsSpan(0, _len).CopyTo(nb);
        ArrayPool<byte>.Shared.Return(_buf);
        _buf = nb;
    }
}
