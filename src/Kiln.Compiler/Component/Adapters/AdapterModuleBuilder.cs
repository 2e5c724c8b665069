using Kiln.Wasm.Model;

namespace Kiln.Compiler.Component.Adapters;

/// <summary>The adapter module being generated: types, imports (each distinct <see cref="AdapterImport"/> once),
/// and the adapter functions, whose indices follow all imports once the module is finished.</summary>
internal sealed class AdapterModuleBuilder
{
    private readonly WasmModule _m = new();
    private readonly List<AdapterImport> _imports = [];
    private readonly Dictionary<AdapterImport, uint> _funcs = [];
    private readonly Dictionary<AdapterImport, uint> _globals = [];
    private readonly Dictionary<AdapterImport, uint> _memories = [];
    private readonly List<string> _descriptions = [];
    private readonly List<string> _names = [];

    public uint TypeIndex(FuncType t)
    {
        int i = _m.Types.IndexOf(t);
        if (i < 0)
        {
            _m.Types.Add(t);
            i = _m.Types.Count - 1;
        }
        return (uint)i;
    }

    public uint ImportFunc(AdapterImport what, FuncType t)
    {
        if (_funcs.TryGetValue(what, out uint index)) return index;
        _m.Imports.Add(new Import(AdapterModule.ImportModule, what.Name, ExternalKind.Func) { FuncTypeIndex = TypeIndex(t) });
        _imports.Add(what);
        return _funcs[what] = (uint)_funcs.Count;
    }

    public uint ImportFlags(FlagsImport what)
    {
        if (_globals.TryGetValue(what, out uint index)) return index;
        _m.Imports.Add(new Import(AdapterModule.ImportModule, what.Name, ExternalKind.Global) { Global = new GlobalType(ValType.I32, true) });
        _imports.Add(what);
        return _globals[what] = (uint)_globals.Count;
    }

    /// <summary>Memory <paramref name="what"/> (a 32-bit memory of any size: the canonical ABI's memories are).</summary>
    public uint ImportMemory(MemoryImport what)
    {
        if (_memories.TryGetValue(what, out uint index)) return index;
        _m.Imports.Add(new Import(AdapterModule.ImportModule, what.Name, ExternalKind.Memory) { Memory = new MemoryType(new Limits(0, null)) });
        _imports.Add(what);
        return _memories[what] = (uint)_memories.Count;
    }

    public void AddFunction(FuncType type, FunctionBody body, string name, string description)
    {
        _names.Add(name);
        _m.Functions.Add(TypeIndex(type));
        _m.Codes.Add(body);
        _descriptions.Add(description);
    }

    public AdapterModule Finish()
    {
        _m.Names = new NameSection { ModuleName = "adapters" };
        for (int i = 0; i < _m.Functions.Count; i++)
        {
            _m.Exports.Add(new Export(AdapterModule.Export(i), ExternalKind.Func, (uint)(_funcs.Count + i)));
            _m.Names.FunctionNames[(uint)(_funcs.Count + i)] = _names[i];
        }
        _m.CountImports();
        return new AdapterModule(_m, _imports, _descriptions);
    }
}
