using System.Buffers.Binary;
using System.Text;
using Kiln.Compiler.Driver;
using Kiln.Compiler.Traps;

namespace Kiln.Compiler.Artifacts;

/// <summary>
/// Encodes the parts of a <see cref="CompiledModule"/> other than the code (section <c>.kiln.code</c>) and the trap
/// table (<c>.kiln.traps</c>), and decodes them back with every offset checked against the code size, so a loaded
/// module never points outside its code even if the digest were forged.
/// </summary>
internal static class CodeTables
{
    // .kiln.code, little-endian:
    //   u32 imported function count
    //   u32 n, n × i32 defined function offsets
    //   u32 t, t × i32 entry trampoline offset per type (-1 none); u32 t, t × i32 host trampoline offsets
    //   u32 r, r × (i32 start, i32 length, u8 kind, u32 index, u32 len, len bytes UTF-8 name)
    //   u32 s, s × (i32 code offset, i32 wasm offset)
    //   u32 l, l × (i32 return offset, i32 landing offset)    landing sites (exception handling), sorted
    public static byte[] Encode(CompiledModule m)
    {
        var b = new List<byte>(64 + m.SourceMap.Length * 8);
        U32(b, (uint)m.ImportedFunctionCount);
        Ints(b, m.FunctionOffsets);
        Ints(b, m.EntryTrampolineOffsets);
        Ints(b, m.HostTrampolineOffsets);
        U32(b, (uint)m.Ranges.Length);
        foreach (var r in m.Ranges)
        {
            U32(b, (uint)r.Start);
            U32(b, (uint)r.Length);
            b.Add((byte)r.Kind);
            U32(b, r.Index);
            var name = Encoding.UTF8.GetBytes(r.Name);
            U32(b, (uint)name.Length);
            b.AddRange(name);
        }
        U32(b, (uint)m.SourceMap.Length);
        foreach (var s in m.SourceMap)
        {
            U32(b, (uint)s.Offset);
            U32(b, (uint)s.WasmOffset);
        }
        U32(b, (uint)m.LandingSites.Length);
        foreach (var l in m.LandingSites)
        {
            U32(b, (uint)l.ReturnOffset);
            U32(b, (uint)l.LandingOffset);
        }
        return [.. b];
    }

    public static byte[] EncodeTraps(CodeTrapSite[] traps)
    {
        var b = new byte[traps.Length * ArtifactFormat.TrapEntrySize];
        for (int i = 0; i < traps.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(i * 8), (uint)traps[i].Offset);
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(i * 8 + 4), traps[i].Code.Raw);
        }
        return b;
    }

    public static CompiledModule Decode(byte[] code, ReadOnlySpan<byte> tables, ReadOnlySpan<byte> traps,
        Kiln.Codegen.TargetIsa target, Kiln.Codegen.CpuFeatures required, int definedFunctions, int types)
    {
        var c = new ByteCursor(tables, ArtifactFormat.CodeTablesSection);
        int imported = c.I32();
        var functions = Offsets(ref c, code.Length, "function offset", allowNone: false);
        var entry = Offsets(ref c, code.Length, "entry trampoline offset", allowNone: true);
        var host = Offsets(ref c, code.Length, "host trampoline offset", allowNone: true);
        if (imported < 0 || functions.Length != definedFunctions || entry.Length != types || host.Length != types)
            throw c.Malformed($"tables for {imported} imports, {functions.Length} functions and {entry.Length}/{host.Length} types do not match the module's {definedFunctions} functions and {types} types");

        var ranges = new CodeRange[c.Count(17, "range")];
        for (int i = 0; i < ranges.Length; i++)
        {
            int start = c.I32(), length = c.I32();
            byte kind = c.U8();
            uint index = c.U32();
            string name = c.Utf8("range name");
            if (start < 0 || length < 0 || start > code.Length - length || kind > (byte)CodeRangeKind.HostTrampoline
                || i > 0 && start < ranges[i - 1].Start + ranges[i - 1].Length)
                throw c.Malformed($"range {i} [{start}, +{length}) kind {kind} is outside the code ({code.Length} bytes), overlaps or is out of order");
            ranges[i] = new CodeRange(start, length, (CodeRangeKind)kind, index, name);
        }

        var map = new CodeSourceLoc[c.Count(8, "source map")];
        for (int i = 0; i < map.Length; i++)
        {
            int offset = c.I32(), wasm = c.I32();
            if (offset < 0 || offset > code.Length || wasm < -1 || i > 0 && offset < map[i - 1].Offset)
                throw c.Malformed($"source map entry {i} ({offset} → {wasm}) is outside the code or out of order");
            map[i] = new CodeSourceLoc(offset, wasm);
        }

        var landings = new Kiln.Codegen.LandingSite[c.Count(8, "landing site")];
        for (int i = 0; i < landings.Length; i++)
        {
            int ret = c.I32(), landing = c.I32();
            if (ret <= 0 || ret > code.Length || landing < 0 || landing >= code.Length || i > 0 && ret <= landings[i - 1].ReturnOffset)
                throw c.Malformed($"landing site {i} ({ret} → {landing}) is outside the code or out of order");
            landings[i] = new Kiln.Codegen.LandingSite(ret, landing);
        }
        c.ExpectEnd();

        if (traps.Length % ArtifactFormat.TrapEntrySize != 0)
            throw new ArtifactException(ArtifactErrorKind.Malformed, $"section {ArtifactFormat.TrapsSection} size {traps.Length} is not a multiple of {ArtifactFormat.TrapEntrySize}");
        var sites = new CodeTrapSite[traps.Length / ArtifactFormat.TrapEntrySize];
        for (int i = 0; i < sites.Length; i++)
        {
            uint offset = BinaryPrimitives.ReadUInt32LittleEndian(traps[(i * 8)..]);
            uint trap = BinaryPrimitives.ReadUInt32LittleEndian(traps[(i * 8 + 4)..]);
            if (offset >= (uint)code.Length || !WasmTraps.TryFromRaw(trap, out var wasmTrap) || i > 0 && offset < (uint)sites[i - 1].Offset)
                throw new ArtifactException(ArtifactErrorKind.Malformed, $"trap table entry {i} (offset 0x{offset:x}, code {trap}) is outside the code ({code.Length} bytes), unknown or out of order");
            sites[i] = new CodeTrapSite((int)offset, wasmTrap.Code());
        }

        return new CompiledModule
        {
            Target = target,
            Code = code,
            ImportedFunctionCount = imported,
            FunctionOffsets = functions,
            EntryTrampolineOffsets = entry,
            HostTrampolineOffsets = host,
            TrapSites = sites,
            Ranges = ranges,
            SourceMap = map,
            LandingSites = landings,
            RequiredFeatures = required,
        };
    }

    private static int[] Offsets(ref ByteCursor c, int codeSize, string what, bool allowNone)
    {
        var a = new int[c.Count(4, what)];
        for (int i = 0; i < a.Length; i++)
        {
            int v = c.I32();
            if (v >= codeSize || v < (allowNone ? -1 : 0))
                throw c.Malformed($"{what} {i} = {v} is outside the code ({codeSize} bytes)");
            a[i] = v;
        }
        return a;
    }

    private static void Ints(List<byte> b, int[] values)
    {
        U32(b, (uint)values.Length);
        foreach (int v in values) U32(b, (uint)v);
    }

    private static void U32(List<byte> b, uint v)
    {
        b.Add((byte)v);
        b.Add((byte)(v >> 8));
        b.Add((byte)(v >> 16));
        b.Add((byte)(v >> 24));
    }
}
