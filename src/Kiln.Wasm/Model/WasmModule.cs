namespace Kiln.Wasm.Model;

/// <summary>
/// A decoded (or text-parsed) core module: the sections of the binary format as plain lists.
/// Index spaces put imports first; the helpers below translate between the two.
/// </summary>
public sealed class WasmModule
{
    public List<FuncType> Types { get; } = [];
    public List<Import> Imports { get; } = [];

    /// <summary>Type index of each defined (non-imported) function.</summary>
    public List<uint> Functions { get; } = [];
    public List<TableType> Tables { get; } = [];
    public List<MemoryType> Memories { get; } = [];

    /// <summary>Type index of each defined (non-imported) tag: a function type with no results.</summary>
    public List<uint> Tags { get; } = [];
    public List<Global> Globals { get; } = [];
    public List<Export> Exports { get; } = [];
    public uint? Start { get; set; }
    public List<ElementSegment> Elements { get; } = [];

    /// <summary>The data count section's value, when the section is present.</summary>
    public uint? DataCount { get; set; }
    public List<FunctionBody> Codes { get; } = [];
    public List<DataSegment> Data { get; } = [];
    public List<CustomSection> CustomSections { get; } = [];
    public NameSection? Names { get; set; }

    // Per kind, the positions in Imports of that kind's imports, so index lookups are O(1).
    private int[] _funcImports = [], _tableImports = [], _memoryImports = [], _globalImports = [], _tagImports = [];

    public int ImportedFunctionCount => _funcImports.Length;
    public int ImportedTableCount => _tableImports.Length;
    public int ImportedMemoryCount => _memoryImports.Length;
    public int ImportedGlobalCount => _globalImports.Length;
    public int ImportedTagCount => _tagImports.Length;

    /// <summary>Re-index imports by kind; call after changing <see cref="Imports"/>.</summary>
    public void CountImports()
    {
        var f = new List<int>(); var t = new List<int>(); var m = new List<int>(); var g = new List<int>(); var x = new List<int>();
        for (int i = 0; i < Imports.Count; i++)
        {
            (Imports[i].Kind switch
            {
                ExternalKind.Func => f,
                ExternalKind.Table => t,
                ExternalKind.Memory => m,
                ExternalKind.Tag => x,
                _ => g,
            }).Add(i);
        }
        (_funcImports, _tableImports, _memoryImports, _globalImports) = (f.ToArray(), t.ToArray(), m.ToArray(), g.ToArray());
        _tagImports = x.ToArray();
    }

    public int TotalFunctionCount => ImportedFunctionCount + Functions.Count;
    public int TotalTableCount => ImportedTableCount + Tables.Count;
    public int TotalMemoryCount => ImportedMemoryCount + Memories.Count;
    public int TotalGlobalCount => ImportedGlobalCount + Globals.Count;
    public int TotalTagCount => ImportedTagCount + Tags.Count;

    /// <summary>Type index of tag <paramref name="tagIndex"/> in the tag index space.</summary>
    public uint TagTypeIndex(uint tagIndex) =>
        tagIndex < ImportedTagCount ? Imports[_tagImports[tagIndex]].FuncTypeIndex : Tags[(int)(tagIndex - (uint)ImportedTagCount)];

    /// <summary>Type index of function <paramref name="funcIndex"/> in the function index space.</summary>
    public uint FunctionTypeIndex(uint funcIndex)
    {
        if (funcIndex < ImportedFunctionCount) return Imports[_funcImports[funcIndex]].FuncTypeIndex;
        return Functions[(int)(funcIndex - (uint)ImportedFunctionCount)];
    }

    public FuncType FunctionType(uint funcIndex) => Types[(int)FunctionTypeIndex(funcIndex)];

    public TableType TableAt(uint index) =>
        index < ImportedTableCount ? Imports[_tableImports[index]].Table : Tables[(int)(index - (uint)ImportedTableCount)];

    public MemoryType MemoryAt(uint index) =>
        index < ImportedMemoryCount ? Imports[_memoryImports[index]].Memory : Memories[(int)(index - (uint)ImportedMemoryCount)];

    public GlobalType GlobalAt(uint index) =>
        index < ImportedGlobalCount ? Imports[_globalImports[index]].Global : Globals[(int)(index - (uint)ImportedGlobalCount)].Type;
}
