using Kiln.Wasm.Binary;

namespace Kiln.Bench;

/// <summary>
/// Writes a large, valid module with code shaped like compiled C: locals, loops with counters,
/// nested blocks with br_if, loads and stores, integer and float arithmetic, and calls. Seeded, so the
/// same size always gives the same bytes and Kiln and wabt can be timed on one file.
/// </summary>
public static class LargeModuleGenerator
{
    public static byte[] Generate(int targetBytes, int seed = 1)
    {
        var rng = new Random(seed);
        using var code = new WasmWriter(targetBytes + 1024);
        using var body = new WasmWriter(4096);
        int functions = 0;
        using var bodies = new WasmWriter(targetBytes + 1024);
        while (bodies.Length < targetBytes)
        {
            body.Clear();
            WriteBody(body, rng, functions);
            bodies.WriteSized(body.WrittenSpan);
            functions++;
        }

        using var m = new WasmWriter(targetBytes + 4096);
        m.WriteBytes("\0asm"u8);
        m.WriteBytes([1, 0, 0, 0]);
        using var sec = new WasmWriter(1024);

        // type 0: (i32 i32 f64) -> i32
        sec.WriteU32(1);
        sec.WriteByte(0x60);
        sec.WriteU32(3); sec.WriteByte(0x7F); sec.WriteByte(0x7F); sec.WriteByte(0x7C);
        sec.WriteU32(1); sec.WriteByte(0x7F);
        Section(m, 1, sec);

        for (int i = 0; i < functions; i++) sec.WriteU32(0);
        Section(m, 3, sec, functions);

        sec.WriteU32(1); sec.WriteByte(0); sec.WriteU32(16); // memory: 16 pages
        Section(m, 5, sec);

        sec.WriteU32(1); sec.WriteName("main"); sec.WriteByte(0); sec.WriteU32((uint)(functions - 1));
        Section(m, 7, sec);

        sec.WriteU32((uint)functions);
        sec.WriteBytes(bodies.WrittenSpan);
        Section(m, 10, sec);
        return m.ToArray();
    }

    private static void Section(WasmWriter m, byte id, WasmWriter content, int prefixCount = -1)
    {
        m.WriteByte(id);
        if (prefixCount >= 0)
        {
            using var w = new WasmWriter(content.Length + 8);
            w.WriteU32((uint)prefixCount);
            w.WriteBytes(content.WrittenSpan);
            m.WriteSized(w.WrittenSpan);
        }
        else
        {
            m.WriteSized(content.WrittenSpan);
        }
        content.Clear();
    }

    // Locals: 0,1 i32 params, 2 f64 param, 3..6 i32, 7 f64.
    private static void WriteBody(WasmWriter w, Random rng, int self)
    {
        w.WriteU32(2);
        w.WriteU32(4); w.WriteByte(0x7F);
        w.WriteU32(1); w.WriteByte(0x7C);
        int statements = rng.Next(8, 40);
        for (int i = 0; i < statements; i++) Statement(w, rng, self, depth: 0);
        LocalGet(w, rng.Next(0, 7) switch { 2 => 0, var x => x });
        w.WriteByte(0x0B);
    }

    private static void Statement(WasmWriter w, Random rng, int self, int depth)
    {
        switch (rng.Next(depth < 2 ? 8 : 6))
        {
            case 0: // c = a op b
                LocalGet(w, IntLocal(rng)); LocalGet(w, IntLocal(rng));
                w.WriteByte((byte)(0x6A + rng.Next(0, 15) switch { 3 or 4 or 5 or 6 => 0, var x => x })); // avoid div/rem
                LocalSet(w, IntLocal(rng));
                break;
            case 1: // b = load(a + k)
                LocalGet(w, IntLocal(rng)); w.WriteByte(0x28); w.WriteU32(2); w.WriteU32((uint)rng.Next(0, 4096) * 4);
                LocalSet(w, IntLocal(rng));
                break;
            case 2: // store(a, b)
                LocalGet(w, IntLocal(rng)); LocalGet(w, IntLocal(rng)); w.WriteByte(0x36); w.WriteU32(2); w.WriteU32((uint)rng.Next(0, 256));
                break;
            case 3: // f = f * const + param
                LocalGet(w, 7); w.WriteByte(0x44); w.WriteF64Bits(BitConverter.DoubleToUInt64Bits(rng.NextDouble()));
                w.WriteByte(0xA2); LocalGet(w, 2); w.WriteByte(0xA0); LocalSet(w, 7);
                break;
            case 4: // a = i32.const k
                w.WriteByte(0x41); w.WriteS32(rng.Next(-100000, 100000)); LocalSet(w, IntLocal(rng));
                break;
            case 5: // c = call earlier(a, b, f)
                if (self == 0) goto case 4;
                LocalGet(w, IntLocal(rng)); LocalGet(w, IntLocal(rng)); LocalGet(w, 7);
                w.WriteByte(0x10); w.WriteU32((uint)rng.Next(Math.Max(0, self - 64), self));
                LocalSet(w, IntLocal(rng));
                break;
            case 6: // block with an early exit
                w.WriteByte(0x02); w.WriteByte(0x40);
                LocalGet(w, IntLocal(rng)); w.WriteByte(0x0D); w.WriteU32(0);
                for (int i = rng.Next(1, 5); i > 0; i--) Statement(w, rng, self, depth + 1);
                w.WriteByte(0x0B);
                break;
            default: // counted loop on local 6
                w.WriteByte(0x41); w.WriteS32(rng.Next(1, 100)); LocalSet(w, 6);
                w.WriteByte(0x03); w.WriteByte(0x40);
                for (int i = rng.Next(1, 5); i > 0; i--) Statement(w, rng, self, depth + 1);
                LocalGet(w, 6); w.WriteByte(0x41); w.WriteS32(1); w.WriteByte(0x6B); w.WriteByte(0x22); w.WriteU32(6);
                w.WriteByte(0x0D); w.WriteU32(0);
                w.WriteByte(0x0B);
                break;
        }
    }

    private static int IntLocal(Random rng) => rng.Next(0, 5) switch { 0 => 0, 1 => 1, var x => x + 1 };
    private static void LocalGet(WasmWriter w, int i) { w.WriteByte(0x20); w.WriteU32((uint)i); }
    private static void LocalSet(WasmWriter w, int i) { w.WriteByte(0x21); w.WriteU32((uint)i); }
}
