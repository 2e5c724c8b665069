using Kiln.Wasm.Binary;

namespace Kiln.HostileShapes;

/// <summary>
/// Writes a valid module of one <see cref="HostileShape"/> at size n. Deterministic: the same shape and size give the
/// same bytes, so Kiln and Wasmtime compile one file. Every module exports <c>run: (i32) -> i32</c> (function 0 for
/// the single-function shapes, the last function for <see cref="HostileShape.ManyFunctions"/>).
/// </summary>
public static class ShapeGenerator
{
    private const byte I32 = 0x7F;
    private const byte End = 0x0B;

    public static byte[] Generate(HostileShape shape, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        using var body = new WasmWriter(Math.Max(256, n * 8));
        switch (shape)
        {
            case HostileShape.StraightLine: StraightLine(body, n); break;
            case HostileShape.ManyLocals: ManyLocals(body, n); break;
            case HostileShape.NestedBlocks: NestedBlocks(body, n); break;
            case HostileShape.IfChain: IfChain(body, n); break;
            case HostileShape.BrTable: BrTable(body, n); break;
            case HostileShape.DeepOperandStack: DeepOperandStack(body, n); break;
            case HostileShape.ManyFunctions: return ManyFunctions(n);
            case HostileShape.DataSegments: return DataSegments(n);
            default: throw new ArgumentOutOfRangeException(nameof(shape));
        }
        return Module([body.ToArray()], memoryPages: 1, data: null);
    }

    // local0 = ((local0 op k) op k) …: n operations, each 5-7 bytes.
    private static void StraightLine(WasmWriter w, int n)
    {
        w.WriteU32(0);
        LocalGet(w, 0);
        ReadOnlySpan<byte> ops = [0x6A, 0x6C, 0x73, 0x6B, 0x71, 0x72, 0x74, 0x77]; // add mul xor sub and or shl rotl
        for (int i = 0; i < n; i++)
        {
            I32Const(w, i * 7 + 3);
            w.WriteByte(ops[i & 7]);
            if (i % 64 == 63) // a local now and then, so values die and are reborn
            {
                w.WriteByte(0x22); w.WriteU32(0); // local.tee 0
            }
        }
        w.WriteByte(End);
    }

    // n locals in all, the parameter included (so n = 50,000 is the largest valid).
    private static void ManyLocals(WasmWriter w, int n)
    {
        int declared = n - 1;
        w.WriteU32(declared > 0 ? 1u : 0u);
        if (declared > 0)
        {
            w.WriteU32((uint)declared); w.WriteByte(I32);
        }
        for (int i = 0; i < declared; i++)
        {
            LocalGet(w, 0); I32Const(w, i); w.WriteByte(0x6A); // param + i
            LocalSet(w, 1 + (uint)i);
        }
        LocalGet(w, 0);
        for (int i = 0; i < declared; i++)
        {
            LocalGet(w, 1 + (uint)i); w.WriteByte(0x6A);
        }
        w.WriteByte(End);
    }

    private static void NestedBlocks(WasmWriter w, int n)
    {
        w.WriteU32(0);
        for (int i = 0; i < n; i++)
        {
            w.WriteByte(0x02); w.WriteByte(0x40); // block
            LocalGet(w, 0); I32Const(w, i); w.WriteByte(0x46); // param == i
            w.WriteByte(0x0D); w.WriteU32((uint)(i % 3)); // br_if to this block or one of the two around it
        }
        for (int i = 0; i < n; i++)
        {
            LocalGet(w, 0); I32Const(w, 1); w.WriteByte(0x6A); LocalSet(w, 0);
            w.WriteByte(End);
        }
        LocalGet(w, 0);
        w.WriteByte(End);
    }

    // 16 locals; block i tests local (i mod 16) and bumps local (i·7 mod 16): 12 bytes each, all 16 live throughout.
    private static void IfChain(WasmWriter w, int n)
    {
        w.WriteU32(1);
        w.WriteU32(16); w.WriteByte(I32);
        for (uint l = 1; l <= 16; l++)
        {
            LocalGet(w, 0); I32Const(w, (int)l); w.WriteByte(0x6A); LocalSet(w, l);
        }
        for (int i = 0; i < n; i++)
        {
            uint test = 1 + (uint)(i & 15), bump = 1 + (uint)(i * 7 & 15);
            LocalGet(w, test);
            w.WriteByte(0x04); w.WriteByte(0x40); // if
            LocalGet(w, bump); I32Const(w, 1); w.WriteByte(0x6A); LocalSet(w, bump);
            w.WriteByte(End);
        }
        LocalGet(w, 1);
        for (uint l = 2; l <= 16; l++)
        {
            LocalGet(w, l); w.WriteByte(0x6A);
        }
        w.WriteByte(End);
    }

    // 16 nested blocks, a br_table of n entries (entry i → label i mod 16) in the innermost; each block's end adds its depth.
    private static void BrTable(WasmWriter w, int n)
    {
        w.WriteU32(0);
        for (int i = 0; i < 16; i++)
        {
            w.WriteByte(0x02); w.WriteByte(0x40);
        }
        LocalGet(w, 0);
        w.WriteByte(0x0E); w.WriteU32((uint)n);
        for (int i = 0; i < n; i++) w.WriteU32((uint)(i * 5 & 15));
        w.WriteU32(15);
        for (int i = 0; i < 16; i++)
        {
            w.WriteByte(End);
            LocalGet(w, 0); I32Const(w, i + 1); w.WriteByte(0x6C); LocalSet(w, 0);
        }
        LocalGet(w, 0);
        w.WriteByte(End);
    }

    private static void DeepOperandStack(WasmWriter w, int n)
    {
        w.WriteU32(0);
        for (int i = 0; i < n; i++)
        {
            if ((i & 3) == 0) LocalGet(w, 0);
            else I32Const(w, i * 31);
        }
        for (int i = 1; i < n; i++) w.WriteByte((i & 1) == 0 ? (byte)0x6A : (byte)0x73); // add / xor
        w.WriteByte(End);
    }

    private static byte[] ManyFunctions(int n)
    {
        var bodies = new byte[n][];
        using var w = new WasmWriter(64);
        for (int f = 0; f < n; f++)
        {
            w.Clear();
            w.WriteU32(0);
            LocalGet(w, 0); I32Const(w, f); w.WriteByte(0x6A);
            if (f > 0)
            {
                w.WriteByte(0x10); w.WriteU32((uint)(f - 1)); // call f-1
            }
            LocalGet(w, 0); w.WriteByte(0x6C);
            w.WriteByte(End);
            bodies[f] = w.ToArray();
        }
        return Module(bodies, memoryPages: 1, data: null);
    }

    private static byte[] DataSegments(int n)
    {
        using var w = new WasmWriter(64);
        w.WriteU32(0);
        LocalGet(w, 0); w.WriteByte(0x28); w.WriteU32(2); w.WriteU32(0); // i32.load
        w.WriteByte(End);
        // 256 bytes each, laid end to end (wrapping in 16 pages so the memory stays small).
        using var data = new WasmWriter(n * 264);
        data.WriteU32((uint)n);
        var bytes = new byte[256];
        for (int s = 0; s < n; s++)
        {
            data.WriteByte(0);
            I32Const(data, s * 256 % (16 << 16)); data.WriteByte(End);
            for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(s * 13 + i);
            data.WriteU32((uint)bytes.Length);
            data.WriteBytes(bytes);
        }
        return Module([w.ToArray()], memoryPages: 16, data: data.ToArray());
    }

    /// <summary>Type 0 = (i32) -> i32 for every function; one memory; export "run" = the last function.</summary>
    private static byte[] Module(byte[][] bodies, uint memoryPages, byte[]? data)
    {
        long size = 64 + (data?.Length ?? 0);
        foreach (var b in bodies) size += b.Length + 5;
        using var m = new WasmWriter((int)size + 5 * bodies.Length);
        m.WriteBytes("\0asm"u8);
        m.WriteBytes([1, 0, 0, 0]);
        using var sec = new WasmWriter(Math.Max(64, bodies.Length * 3));

        sec.WriteU32(1); sec.WriteByte(0x60); sec.WriteU32(1); sec.WriteByte(I32); sec.WriteU32(1); sec.WriteByte(I32);
        Section(m, 1, sec);

        sec.WriteU32((uint)bodies.Length);
        for (int i = 0; i < bodies.Length; i++) sec.WriteU32(0);
        Section(m, 3, sec);

        sec.WriteU32(1); sec.WriteByte(0); sec.WriteU32(memoryPages);
        Section(m, 5, sec);

        sec.WriteU32(1); sec.WriteName("run"); sec.WriteByte(0); sec.WriteU32((uint)(bodies.Length - 1));
        Section(m, 7, sec);

        using var code = new WasmWriter((int)size);
        code.WriteU32((uint)bodies.Length);
        foreach (var b in bodies) code.WriteSized(b);
        Section(m, 10, code);

        if (data is not null)
        {
            sec.WriteBytes(data);
            Section(m, 11, sec);
        }
        return m.ToArray();
    }

    private static void Section(WasmWriter m, byte id, WasmWriter content)
    {
        m.WriteByte(id);
        m.WriteSized(content.WrittenSpan);
        content.Clear();
    }

    private static void LocalGet(WasmWriter w, uint i) { w.WriteByte(0x20); w.WriteU32(i); }
    private static void LocalSet(WasmWriter w, uint i) { w.WriteByte(0x21); w.WriteU32(i); }
    private static void I32Const(WasmWriter w, int v) { w.WriteByte(0x41); w.WriteS32(v); }
}
