using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;

namespace Kiln.Component.Linking;

/// <summary>A core import turned into a function of the module itself (its body in the old index space).</summary>
public sealed record ImportReplacement(string Module, string Name, LocalGroup[] Locals, byte[] Code);

/// <summary>What <see cref="ModuleGc.Run"/> kept: the new module and where each kept index went.</summary>
public sealed class GcResult(WasmModule module, Dictionary<IndexSpace, int[]> maps)
{
    public WasmModule Module { get; } = module;

    /// <summary>The new index of old index <paramref name="index"/> in <paramref name="space"/>, or null when dropped.</summary>
    public uint? NewIndex(IndexSpace space, uint index)
    {
        var m = maps[space];
        return index < m.Length && m[index] >= 0 ? (uint)m[index] : null;
    }
}

/// <summary>
/// Adapter GC (wit-component's <c>gc.rs</c> idea): keeps the exports asked for and everything they reach —
/// functions (through calls, <c>ref.func</c>, element segments of live tables), globals, tables, memories, tags,
/// types, element and data segments — and drops the rest, imports included, so an interface the kept code never
/// calls disappears from the component. The start function is a root. Indices are renumbered in order; the
/// <c>name</c> section's function and local names follow their functions.
/// </summary>
public static class ModuleGc
{
    public static GcResult Run(WasmModule m, IEnumerable<string> keepExports, IReadOnlyList<ImportReplacement>? replace = null)
    {
        replace ??= [];
        m.CountImports();
        var live = new Dictionary<IndexSpace, bool[]>
        {
            [IndexSpace.Type] = new bool[m.Types.Count],
            [IndexSpace.Func] = new bool[m.TotalFunctionCount],
            [IndexSpace.Table] = new bool[m.TotalTableCount],
            [IndexSpace.Memory] = new bool[m.TotalMemoryCount],
            [IndexSpace.Global] = new bool[m.TotalGlobalCount],
            [IndexSpace.Tag] = new bool[m.TotalTagCount],
            [IndexSpace.Elem] = new bool[m.Elements.Count],
            [IndexSpace.Data] = new bool[m.Data.Count],
        };
        // Old function index of each imported function, and the replacement body of a replaced import.
        var importOfFunc = new List<int>();
        var importOfGlobal = new List<int>();
        for (int i = 0; i < m.Imports.Count; i++)
        {
            if (m.Imports[i].Kind == ExternalKind.Func) importOfFunc.Add(i);
            else if (m.Imports[i].Kind == ExternalKind.Global) importOfGlobal.Add(i);
        }
        var replacementOf = new Dictionary<uint, ImportReplacement>();
        foreach (var r in replace)
        {
            int f = importOfFunc.FindIndex(i => m.Imports[i].ModuleName == r.Module && m.Imports[i].Name == r.Name);
            if (f < 0) throw new ArgumentException($"no function import {r.Module}::{r.Name} to replace", nameof(replace));
            replacementOf[(uint)f] = r;
        }

        var work = new Stack<uint>();
        void Mark(IndexSpace space, uint index)
        {
            var set = live[space];
            if (index >= set.Length)
                throw new ComponentNewException(ComponentNewErrorKind.BadModule, $"{space.ToString().ToLowerInvariant()} index {index} is out of range");
            if (set[index]) return;
            set[index] = true;
            switch (space)
            {
                case IndexSpace.Func:
                    Mark(IndexSpace.Type, m.FunctionTypeIndex(index));
                    work.Push(index);
                    break;
                case IndexSpace.Global when index >= m.ImportedGlobalCount:
                    CodeIndices.Scan(m.Globals[(int)(index - (uint)m.ImportedGlobalCount)].Init.Code.Span, Mark);
                    break;
                case IndexSpace.Tag:
                    Mark(IndexSpace.Type, m.TagTypeIndex(index));
                    break;
                case IndexSpace.Elem:
                    var e = m.Elements[(int)index];
                    if (e.Offset is { } eo) CodeIndices.Scan(eo.Code.Span, Mark);
                    if (e.Mode == SegmentMode.Active) Mark(IndexSpace.Table, e.TableIndex);
                    if (e.FunctionIndices is { } fs) foreach (var f in fs) Mark(IndexSpace.Func, f);
                    if (e.Expressions is { } xs) foreach (var x in xs) CodeIndices.Scan(x.Code.Span, Mark);
                    break;
                case IndexSpace.Data:
                    var d = m.Data[(int)index];
                    if (d.Offset is { } dof) CodeIndices.Scan(dof.Code.Span, Mark);
                    if (d.Mode == SegmentMode.Active) Mark(IndexSpace.Memory, d.MemoryIndex);
                    break;
            }
        }

        var keep = new HashSet<string>(keepExports, StringComparer.Ordinal);
        foreach (var ex in m.Exports)
            if (keep.Contains(ex.Name)) Mark(SpaceOf(ex.Kind), ex.Index);
        if (m.Start is { } start) Mark(IndexSpace.Func, start);

        while (true)
        {
            while (work.Count > 0)
            {
                uint f = work.Pop();
                if (f < m.ImportedFunctionCount)
                {
                    if (replacementOf.TryGetValue(f, out var r)) CodeIndices.Scan(r.Code, Mark);
                    continue;
                }
                CodeIndices.Scan(m.Codes[(int)(f - (uint)m.ImportedFunctionCount)].Code.Span, Mark);
            }
            // Active segments write into live tables and memories: they come along with them (and what they name).
            bool more = false;
            for (int i = 0; i < m.Elements.Count; i++)
                if (!live[IndexSpace.Elem][i] && m.Elements[i].Mode == SegmentMode.Active && live[IndexSpace.Table][m.Elements[i].TableIndex])
                {
                    Mark(IndexSpace.Elem, (uint)i);
                    more = true;
                }
            for (int i = 0; i < m.Data.Count; i++)
                if (!live[IndexSpace.Data][i] && m.Data[i].Mode == SegmentMode.Active && live[IndexSpace.Memory][m.Data[i].MemoryIndex])
                {
                    Mark(IndexSpace.Data, (uint)i);
                    more = true;
                }
            if (!more && work.Count == 0) break;
        }
        return Build(m, live, keep, replacementOf, importOfFunc);
    }

    private static IndexSpace SpaceOf(ExternalKind kind) => kind switch
    {
        ExternalKind.Func => IndexSpace.Func,
        ExternalKind.Table => IndexSpace.Table,
        ExternalKind.Memory => IndexSpace.Memory,
        ExternalKind.Global => IndexSpace.Global,
        _ => IndexSpace.Tag,
    };

    private static GcResult Build(WasmModule m, Dictionary<IndexSpace, bool[]> live, HashSet<string> keep,
        Dictionary<uint, ImportReplacement> replacementOf, List<int> importOfFunc)
    {
        var maps = new Dictionary<IndexSpace, int[]>();
        foreach (var (space, set) in live)
        {
            var map = new int[set.Length];
            Array.Fill(map, -1);
            maps[space] = map;
        }
        var outM = new WasmModule();
        int[] typeMap = maps[IndexSpace.Type];
        for (int i = 0; i < m.Types.Count; i++)
            if (live[IndexSpace.Type][i]) { typeMap[i] = outM.Types.Count; outM.Types.Add(m.Types[i]); }

        // Imports keep their order; each kind's indices count up as they come.
        var next = new Dictionary<ExternalKind, int>();
        var kindIndex = new Dictionary<ExternalKind, int>();
        foreach (var imp in m.Imports)
        {
            int old = kindIndex.GetValueOrDefault(imp.Kind);
            kindIndex[imp.Kind] = old + 1;
            var space = SpaceOf(imp.Kind);
            if (!live[space][old] || (imp.Kind == ExternalKind.Func && replacementOf.ContainsKey((uint)old))) continue;
            int n = next.GetValueOrDefault(imp.Kind);
            next[imp.Kind] = n + 1;
            maps[space][old] = n;
            outM.Imports.Add(imp.Kind == ExternalKind.Func || imp.Kind == ExternalKind.Tag
                ? imp with { FuncTypeIndex = (uint)typeMap[imp.FuncTypeIndex] }
                : imp);
        }
        int nf = next.GetValueOrDefault(ExternalKind.Func);
        var bodies = new List<(uint Old, LocalGroup[] Locals, ReadOnlyMemory<byte> Code)>();
        for (int i = 0; i < m.Functions.Count; i++)
        {
            uint old = (uint)(m.ImportedFunctionCount + i);
            if (!live[IndexSpace.Func][old]) continue;
            maps[IndexSpace.Func][old] = nf++;
            outM.Functions.Add((uint)typeMap[m.Functions[i]]);
            bodies.Add((old, m.Codes[i].Locals, m.Codes[i].Code));
        }
        foreach (var (old, r) in replacementOf.OrderBy(p => p.Key))
        {
            if (!live[IndexSpace.Func][old]) continue;
            maps[IndexSpace.Func][old] = nf++;
            outM.Functions.Add((uint)typeMap[m.FunctionTypeIndex(old)]);
            bodies.Add((old, r.Locals, r.Code));
        }
        int nt = next.GetValueOrDefault(ExternalKind.Table);
        for (int i = 0; i < m.Tables.Count; i++)
            if (live[IndexSpace.Table][m.ImportedTableCount + i]) { maps[IndexSpace.Table][m.ImportedTableCount + i] = nt++; outM.Tables.Add(m.Tables[i]); }
        int nm = next.GetValueOrDefault(ExternalKind.Memory);
        for (int i = 0; i < m.Memories.Count; i++)
            if (live[IndexSpace.Memory][m.ImportedMemoryCount + i]) { maps[IndexSpace.Memory][m.ImportedMemoryCount + i] = nm++; outM.Memories.Add(m.Memories[i]); }
        int ng = next.GetValueOrDefault(ExternalKind.Global);
        var keptGlobals = new List<int>();
        for (int i = 0; i < m.Globals.Count; i++)
            if (live[IndexSpace.Global][m.ImportedGlobalCount + i]) { maps[IndexSpace.Global][m.ImportedGlobalCount + i] = ng++; keptGlobals.Add(i); }
        int ntag = next.GetValueOrDefault(ExternalKind.Tag);
        for (int i = 0; i < m.Tags.Count; i++)
            if (live[IndexSpace.Tag][m.ImportedTagCount + i]) { maps[IndexSpace.Tag][m.ImportedTagCount + i] = ntag++; outM.Tags.Add((uint)typeMap[m.Tags[i]]); }
        int ne = 0;
        var keptElems = new List<int>();
        for (int i = 0; i < m.Elements.Count; i++)
        {
            bool declarative = m.Elements[i].Mode == SegmentMode.Declarative;
            if (live[IndexSpace.Elem][i] || declarative) { maps[IndexSpace.Elem][i] = ne++; keptElems.Add(i); }
        }
        int nd = 0;
        var keptData = new List<int>();
        for (int i = 0; i < m.Data.Count; i++)
            if (live[IndexSpace.Data][i]) { maps[IndexSpace.Data][i] = nd++; keptData.Add(i); }

        uint Map(IndexSpace space, uint index)
        {
            int n = maps[space][index];
            if (n < 0) throw new InvalidOperationException($"GC dropped live {space} {index}");
            return (uint)n;
        }
        ConstExpr Expr(ConstExpr e) => new(CodeIndices.Rewrite(e.Code.Span, Map), 0);

        foreach (int i in keptGlobals) outM.Globals.Add(new Global(m.Globals[i].Type, Expr(m.Globals[i].Init)));
        foreach (var ex in m.Exports)
            if (keep.Contains(ex.Name)) outM.Exports.Add(ex with { Index = Map(SpaceOf(ex.Kind), ex.Index) });
        if (m.Start is { } s) outM.Start = Map(IndexSpace.Func, s);
        foreach (int i in keptElems)
        {
            var e = m.Elements[i];
            uint[]? fs = e.FunctionIndices;
            ConstExpr[]? xs = e.Expressions;
            if (e.Mode == SegmentMode.Declarative)
            {
                // A declarative segment only declares functions for ref.func: keep the live ones.
                fs = fs?.Where(f => live[IndexSpace.Func][f]).ToArray();
                xs = xs?.Where(x => AllLive(x, live)).ToArray();
            }
            outM.Elements.Add(new ElementSegment
            {
                Mode = e.Mode,
                TableIndex = e.Mode == SegmentMode.Active ? Map(IndexSpace.Table, e.TableIndex) : 0,
                Offset = e.Offset is { } o ? Expr(o) : null,
                ElementType = e.ElementType,
                FunctionIndices = fs?.Select(f => Map(IndexSpace.Func, f)).ToArray(),
                Expressions = xs?.Select(Expr).ToArray(),
                Encoding = e.Encoding,
            });
        }
        foreach (int i in keptData)
        {
            var d = m.Data[i];
            outM.Data.Add(new DataSegment
            {
                Mode = d.Mode,
                MemoryIndex = d.Mode == SegmentMode.Active ? Map(IndexSpace.Memory, d.MemoryIndex) : 0,
                Offset = d.Offset is { } o ? Expr(o) : null,
                Data = d.Data,
            });
        }
        if (m.DataCount is not null) outM.DataCount = (uint)outM.Data.Count;
        foreach (var (_, locals, code) in bodies)
            outM.Codes.Add(new FunctionBody { Locals = locals, Code = CodeIndices.Rewrite(code.Span, Map) });
        foreach (var c in m.CustomSections)
            if (c.Name != NameSectionDecoder.SectionName) outM.CustomSections.Add(c);
        if (m.Names is { } names)
        {
            var n = new NameSection { ModuleName = names.ModuleName };
            foreach (var (f, name) in names.FunctionNames)
                if (f < maps[IndexSpace.Func].Length && maps[IndexSpace.Func][f] >= 0) n.FunctionNames[(uint)maps[IndexSpace.Func][f]] = name;
            foreach (var (f, locals) in names.LocalNames)
                if (f < maps[IndexSpace.Func].Length && maps[IndexSpace.Func][f] >= 0) n.LocalNames[(uint)maps[IndexSpace.Func][f]] = locals;
            outM.Names = n;
        }
        outM.CountImports();
        return new GcResult(outM, maps);
    }

    private static bool AllLive(ConstExpr x, Dictionary<IndexSpace, bool[]> live)
    {
        bool ok = true;
        CodeIndices.Scan(x.Code.Span, (space, index) => ok &= index < live[space].Length && live[space][index]);
        return ok;
    }
}
