using Kiln.Wasm.Binary;

namespace Kiln.Wasm.Tests.Binary;

public sealed class Leb128Tests
{
    private static ulong U32(params byte[] b) { var r = new WasmReader(b); var v = r.ReadU32(); Assert.True(r.AtEnd); return v; }
    private static long S32(params byte[] b) { var r = new WasmReader(b); var v = r.ReadS32(); Assert.True(r.AtEnd); return v; }
    private static long S33(params byte[] b) { var r = new WasmReader(b); var v = r.ReadS33(); Assert.True(r.AtEnd); return v; }
    private static long S64(params byte[] b) { var r = new WasmReader(b); var v = r.ReadS64(); Assert.True(r.AtEnd); return v; }
    private static ulong U64(params byte[] b) { var r = new WasmReader(b); var v = r.ReadU64(); Assert.True(r.AtEnd); return v; }

    private static void Fails(string reason, Func<byte[], long> read, params byte[] b)
    {
        var e = Assert.Throws<WasmDecodeException>(() => read(b));
        Assert.Equal(reason, e.Reason);
    }

    [Fact]
    public void UnsignedValuesAndPadding()
    {
        Assert.Equal(0ul, U32(0x00));
        Assert.Equal(127ul, U32(0x7F));
        Assert.Equal(128ul, U32(0x80, 0x01));
        Assert.Equal(uint.MaxValue, U32(0xFF, 0xFF, 0xFF, 0xFF, 0x0F));
        // Redundant zero padding up to the maximum length is allowed.
        Assert.Equal(3ul, U32(0x83, 0x80, 0x80, 0x80, 0x00));
        Assert.Equal(ulong.MaxValue, U64(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01));
    }

    [Fact]
    public void UnsignedTooLongOrTooLarge()
    {
        Fails("integer representation too long", b => (long)new WasmReader(b).ReadU32(), 0x80, 0x80, 0x80, 0x80, 0x80, 0x00);
        Fails("integer too large", b => (long)new WasmReader(b).ReadU32(), 0xFF, 0xFF, 0xFF, 0xFF, 0x1F);
        Fails("integer too large", b => (long)new WasmReader(b).ReadU32(), 0x80, 0x80, 0x80, 0x80, 0x10);
        Fails("integer too large", b => (long)new WasmReader(b).ReadU64(), 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02);
        Fails("unexpected end", b => (long)new WasmReader(b).ReadU32(), 0x80, 0x80);
        Fails("unexpected end", b => (long)new WasmReader(b).ReadU32());
    }

    [Fact]
    public void SignedValues()
    {
        Assert.Equal(-1, S32(0x7F));
        Assert.Equal(63, S32(0x3F));
        Assert.Equal(-64, S32(0x40));
        Assert.Equal(64, S32(0xC0, 0x00));
        Assert.Equal(int.MinValue, S32(0x80, 0x80, 0x80, 0x80, 0x78));
        Assert.Equal(int.MaxValue, S32(0xFF, 0xFF, 0xFF, 0xFF, 0x07));
        Assert.Equal(-1, S32(0xFF, 0xFF, 0xFF, 0xFF, 0x7F)); // sign-padded
        Assert.Equal(long.MinValue, S64(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F));
        Assert.Equal(long.MaxValue, S64(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00));
        // s33 block types: -64 is the empty type, large positive values are type indices.
        Assert.Equal(-64, S33(0x40));
        Assert.Equal(uint.MaxValue, S33(0xFF, 0xFF, 0xFF, 0xFF, 0x0F));
    }

    [Fact]
    public void SignedTooLongOrTooLarge()
    {
        Fails("integer too large", b => new WasmReader(b).ReadS32(), 0xFF, 0xFF, 0xFF, 0xFF, 0x4F);
        Fails("integer too large", b => new WasmReader(b).ReadS32(), 0x80, 0x80, 0x80, 0x80, 0x08);
        Fails("integer representation too long", b => new WasmReader(b).ReadS32(), 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F);
        Fails("integer too large", b => new WasmReader(b).ReadS64(), 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x41);
        Fails("integer too large", b => new WasmReader(b).ReadS64(), 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01);
        Fails("integer too large", b => new WasmReader(b).ReadS33(), 0xFF, 0xFF, 0xFF, 0xFF, 0x1F);
    }

    [Fact]
    public void WriterRoundTrips()
    {
        long[] signed = [0, 1, -1, 63, 64, -64, -65, int.MaxValue, int.MinValue, long.MaxValue, long.MinValue];
        foreach (long v in signed)
        {
            using var w = new WasmWriter();
            w.WriteS64(v);
            Assert.Equal(v, S64(w.ToArray()));
        }
        ulong[] unsigned = [0, 127, 128, 16383, 16384, uint.MaxValue, ulong.MaxValue];
        foreach (ulong v in unsigned)
        {
            using var w = new WasmWriter();
            w.WriteU64(v);
            Assert.Equal(v, U64(w.ToArray()));
        }
    }

    [Fact]
    public void CountsAreBackedByBytes()
    {
        // 2^32-1 items in a five-byte input is refused before anything is allocated for it.
        var e = Assert.Throws<WasmDecodeException>(() => new WasmReader([0xFF, 0xFF, 0xFF, 0xFF, 0x0F]).ReadCount());
        Assert.Equal("unexpected end", e.Reason);
        Assert.Equal(0, e.Offset);
    }
}
