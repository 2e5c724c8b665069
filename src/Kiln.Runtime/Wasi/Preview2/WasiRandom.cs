namespace Kiln.Runtime.Wasi.Preview2;

/// <summary><c>wasi:random</c>: random (the configuration's source, cryptographic by default), insecure and
/// insecure-seed (a non-cryptographic generator).</summary>
internal static class WasiRandom
{
    /// <summary>Most bytes one call returns: a guest asking for more is refused with a trap (the list would not fit
    /// a 32-bit memory anyway).</summary>
    private const ulong MaxBytes = 64 << 20;

    public static void Define(ComponentLinker linker, WasiPreview2Context cx)
    {
        var random = cx.Configuration.Random;
        WasiPreview2.Interface(linker, "wasi:random/random")
            .DefineFunc("get-random-bytes", a => Bytes(a[0].AsU64(), random))
            .DefineFunc("get-random-u64", _ =>
            {
                Span<byte> b = stackalloc byte[8];
                random(b);
                return Val.U64(BitConverter.ToUInt64(b));
            });
        WasiPreview2.Interface(linker, "wasi:random/insecure")
            .DefineFunc("get-insecure-random-bytes", a => Bytes(a[0].AsU64(), b => cx.Insecure.NextBytes(b)))
            .DefineFunc("get-insecure-random-u64", _ => Val.U64((ulong)cx.Insecure.NextInt64() ^ ((ulong)cx.Insecure.Next() << 63)));
        WasiPreview2.Interface(linker, "wasi:random/insecure-seed")
            .DefineFunc("insecure-seed", _ => Val.Tuple(Val.U64((ulong)cx.Insecure.NextInt64()), Val.U64((ulong)cx.Insecure.NextInt64())));
    }

    private static Val Bytes(ulong length, Action<Span<byte>> fill)
    {
        if (length > MaxBytes) throw new InvalidOperationException($"wasi: {length} random bytes asked for, at most {MaxBytes} at a time");
        var bytes = new byte[length];
        fill(bytes);
        return WasiPreview2Context.ByteList(bytes);
    }
}
