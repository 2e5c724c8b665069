using Kiln.Component.Model;
using Kiln.Component.Wit;
using Kiln.Component.Wit.Model;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.Component.Linking;

internal sealed partial class ComponentNewBuilder
{
    /// <summary>A function that exists only after some instance does: the shim exports a stand-in calling through
    /// its table; <see cref="Actual"/> makes the real core function once it can, and the fixup puts it in the table.</summary>
    private sealed record ShimEntry(FuncType Type, Func<uint> Actual);

    private const string ShimTableName = "$imports";
    private readonly List<ShimEntry> _shim = [];
    private uint _mainInstance;
    private uint? _mainMemory;

    private void EmitCore(List<CoreImportTarget> mainTargets, List<List<CoreImportTarget>> adapterTargets)
    {
        uint mainModule = CoreModule(_main, _mainBytes);
        foreach (var a in _adapters) a.CoreModule = CoreModule(a.Final!, a.Bytes!);

        // Plan which imports go through the shim (index into _shim) and which are made directly.
        var mainPlan = Plan(_main, mainTargets, null);
        var adapterPlans = _adapters.Select((a, i) => Plan(a.Final!, adapterTargets[i], a)).ToList();

        // Destructors of exported resources are the program's exports, needed before the program exists: shim slots.
        var dtorSlots = new List<(WitTypeDef Resource, int Slot)>();
        foreach (var iface in _exportedInterfaces)
            foreach (var (name, def) in iface.Types)
            {
                if (def.Kind is not WitResourceKind) continue;
                string dtor = $"{iface.Id}#[dtor]{name}";
                int slot = -1;
                if (FindExport(_main, dtor, ExternalKind.Func) is { } ex)
                {
                    var type = _main.FunctionType(ex.Index);
                    if (!type.Equals(new FuncType([ValType.I32], [])))
                        throw new ComponentNewException(ComponentNewErrorKind.TypeMismatch, $"destructor `{dtor}` has type {type}, expected [i32] -> []");
                    slot = _shim.Count;
                    _shim.Add(new ShimEntry(type, () => AliasCoreExport(CoreSort.Func, _mainInstance, dtor)));
                }
                dtorSlots.Add((def, slot));
            }

        uint? shimInstance = null;
        if (_shim.Count > 0)
        {
            uint shimModule = CoreModule(ShimModule(), ModuleEncoder.Encode(ShimModule()));
            shimInstance = CoreInstantiate(shimModule, []);
        }
        foreach (var (resource, slot) in dtorSlots)
        {
            uint? dtor = slot >= 0 ? AliasCoreExport(CoreSort.Func, shimInstance!.Value, slot.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
            _w.Types[resource] = _w.Define(new ResourceTypeDefinition(ValType.I32, dtor));
            Flush();
        }

        _mainInstance = CoreInstantiate(mainModule, InstanceArgs(_main, mainTargets, mainPlan, shimInstance, null));
        foreach (var (a, i) in _adapters.Select((a, i) => (a, i)))
            a.CoreInstance = CoreInstantiate(a.CoreModule, InstanceArgs(a.Final!, adapterTargets[i], adapterPlans[i], shimInstance, a));

        if (shimInstance is { } shim)
        {
            var exports = new List<CoreInlineExport>();
            for (int i = 0; i < _shim.Count; i++)
                exports.Add(new CoreInlineExport(i.ToString(System.Globalization.CultureInfo.InvariantCulture), CoreSort.Func, _shim[i].Actual()));
            uint table = AliasCoreExport(CoreSort.Table, shim, ShimTableName);
            exports.Add(new CoreInlineExport(ShimTableName, CoreSort.Table, table));
            uint actual = CoreInlineInstance(exports);
            var fixup = FixupModule();
            uint fixupModule = CoreModule(fixup, ModuleEncoder.Encode(fixup));
            CoreInstantiate(fixupModule, [new CoreInstantiateArg("", CoreSort.Instance, actual)]);
        }
    }

    /// <summary>For each import of <paramref name="m"/>: the shim slot it uses, or -1 when made directly.</summary>
    private int[] Plan(WasmModule m, List<CoreImportTarget> targets, AdapterState? self)
    {
        var plan = new int[targets.Count];
        int funcIndex = 0;
        for (int i = 0; i < targets.Count; i++)
        {
            plan[i] = -1;
            if (targets[i] is MemoryTarget) continue;
            var type = m.FunctionType((uint)funcIndex++);
            string what = $"{(self is null ? "the program" : $"adapter `{self.Name}`")}'s import `{m.Imports[i].ModuleName}::{m.Imports[i].Name}`";
            switch (targets[i])
            {
                case AdapterExportTarget at:
                    plan[i] = _shim.Count;
                    _shim.Add(new ShimEntry(type, () => AliasCoreExport(CoreSort.Func, at.Adapter.CoreInstance, at.Export)));
                    break;
                case LowerTarget l when WitFlattening.LowerNeeds(l.Function).Memory:
                    plan[i] = _shim.Count;
                    _shim.Add(new ShimEntry(type, () => LowerWithOptions(l, self, what)));
                    break;
            }
        }
        return plan;
    }

    /// <summary>The core instances a module is instantiated with: one per imported module name.</summary>
    private List<CoreInstantiateArg> InstanceArgs(WasmModule m, List<CoreImportTarget> targets, int[] plan, uint? shim, AdapterState? self)
    {
        var groups = new OrderedDictionary<string, List<CoreInlineExport>>(StringComparer.Ordinal);
        for (int i = 0; i < targets.Count; i++)
        {
            var imp = m.Imports[i];
            CoreInlineExport item;
            if (targets[i] is MemoryTarget)
                item = new CoreInlineExport(imp.Name, CoreSort.Memory, MainMemory($"adapter `{self!.Name}` imports `env::{imp.Name}`"));
            else if (plan[i] >= 0)
                item = new CoreInlineExport(imp.Name, CoreSort.Func,
                    AliasCoreExport(CoreSort.Func, shim!.Value, plan[i].ToString(System.Globalization.CultureInfo.InvariantCulture)));
            else
                item = new CoreInlineExport(imp.Name, CoreSort.Func, targets[i] switch
                {
                    LowerTarget l => Canon(CanonicalFunction.Lower(ComponentFunc(l), [])),
                    ResourceDropTarget d => Canon(new CanonicalFunction(CanonOp.ResourceDrop) { TypeIndex = TypeIndexOf(d.Resource) }),
                    ExportedResourceTarget r => Canon(new CanonicalFunction(r.Op) { TypeIndex = _w.Types[r.Resource] }),
                    MainExportTarget me => AliasCoreExport(CoreSort.Func, _mainInstance, me.Export),
                    var t => throw new InvalidOperationException($"unplanned import target {t}"),
                });
            if (!groups.TryGetValue(imp.ModuleName, out var list)) groups[imp.ModuleName] = list = [];
            list.Add(item);
        }
        var args = new List<CoreInstantiateArg>();
        foreach (var (module, exports) in groups)
            args.Add(new CoreInstantiateArg(module, CoreSort.Instance, CoreInlineInstance(exports)));
        return args;
    }

    private uint ComponentFunc(LowerTarget l) => l.Owner is { } owner
        ? AliasFunc(_importedInstances[owner], l.Function.ExternName)
        : _rootFunctionIndex[l.Function.ExternName];

    private uint TypeIndexOf(WitTypeDef def)
    {
        try
        {
            uint index = _w.IndexOf(def);
            Flush(); // a first use aliases the type out of its instance now
            return index;
        }
        catch (WitException e)
        {
            throw new ComponentNewException(ComponentNewErrorKind.BadMetadata, $"type `{def.Name}` cannot be referred to: {e.Message}", e);
        }
    }

    private uint MainMemory(string why)
    {
        if (_mainMemory is { } m) return m;
        if (!Exports(_main, "memory", ExternalKind.Memory))
            throw new ComponentNewException(ComponentNewErrorKind.MissingMemoryOrRealloc, $"{why}, which needs the program's memory, but the program exports no `memory`");
        return (_mainMemory = AliasCoreExport(CoreSort.Memory, _mainInstance, "memory")).Value;
    }

    /// <summary>The realloc a module offers for values coming in: <c>cabi_import_realloc</c> (lowered results) or
    /// <c>cabi_export_realloc</c> (lifted parameters), else <c>cabi_realloc</c>.</summary>
    private uint Realloc(AdapterState? self, string preferred, string why)
    {
        var m = self?.Final ?? _main;
        uint instance = self?.CoreInstance ?? _mainInstance;
        foreach (var name in (string[])[preferred, "cabi_realloc"])
            if (Exports(m, name, ExternalKind.Func))
            {
                var type = m.FunctionType(FindExport(m, name, ExternalKind.Func)!.Index);
                if (!type.Equals(AdapterStack.ReallocType))
                    throw new ComponentNewException(ComponentNewErrorKind.TypeMismatch, $"{why}: `{name}` has type {type}, expected {AdapterStack.ReallocType}");
                return AliasCoreExport(CoreSort.Func, instance, name);
            }
        throw new ComponentNewException(ComponentNewErrorKind.MissingMemoryOrRealloc,
            $"{why}, which needs `{preferred}` or `cabi_realloc`, but {(self is null ? "the program" : $"adapter `{self.Name}`")} exports neither");
    }

    /// <summary>Memory of an adapter: the program's when it imports <c>env.memory</c>, else its own export.</summary>
    private uint MemoryOf(AdapterState? self, string why)
    {
        if (self is null || self.Final!.Imports.Any(i => i.Kind == ExternalKind.Memory)) return MainMemory(why);
        if (!Exports(self.Final, "memory", ExternalKind.Memory))
            throw new ComponentNewException(ComponentNewErrorKind.MissingMemoryOrRealloc, $"{why}, which needs a memory, but adapter `{self.Name}` has none to offer");
        return AliasCoreExport(CoreSort.Memory, self.CoreInstance, "memory");
    }

    private uint LowerWithOptions(LowerTarget l, AdapterState? self, string what)
    {
        var (memory, realloc) = WitFlattening.LowerNeeds(l.Function);
        var options = new List<CanonOption>();
        if (memory) options.Add(new CanonOption(CanonOptionKind.Memory, MemoryOf(self, what)));
        if (realloc) options.Add(new CanonOption(CanonOptionKind.Realloc, Realloc(self, "cabi_import_realloc", what)));
        return Canon(CanonicalFunction.Lower(ComponentFunc(l), options));
    }

    // ---- the shim and fixup modules ----

    private WasmModule? _shimModule;

    /// <summary>One function per slot calling through the exported table <c>$imports</c>, exported as its slot number.</summary>
    private WasmModule ShimModule()
    {
        if (_shimModule is { } done) return done;
        var m = new WasmModule();
        uint n = (uint)_shim.Count;
        m.Tables.Add(new TableType(ValType.FuncRef, new Limits(n, n)));
        for (int i = 0; i < _shim.Count; i++)
        {
            var type = _shim[i].Type;
            int t = m.Types.IndexOf(type);
            if (t < 0) { t = m.Types.Count; m.Types.Add(type); }
            m.Functions.Add((uint)t);
            var w = new WasmWriter();
            var c = new CodeWriter(w);
            for (uint p = 0; p < type.Params.Length; p++) c.Emit(Opcode.LocalGet, p);
            c.I32Const(i);
            c.Emit(Opcode.CallIndirect, (uint)t, 0);
            c.End();
            m.Codes.Add(new FunctionBody { Locals = [], Code = w.ToArray() });
            m.Exports.Add(new Export(i.ToString(System.Globalization.CultureInfo.InvariantCulture), ExternalKind.Func, (uint)i));
        }
        m.Exports.Add(new Export(ShimTableName, ExternalKind.Table, 0));
        m.CountImports();
        return _shimModule = m;
    }

    /// <summary>Imports the real functions and the shim's table and fills the table with them.</summary>
    private WasmModule FixupModule()
    {
        var m = new WasmModule();
        var funcs = new uint[_shim.Count];
        for (int i = 0; i < _shim.Count; i++)
        {
            var type = _shim[i].Type;
            int t = m.Types.IndexOf(type);
            if (t < 0) { t = m.Types.Count; m.Types.Add(type); }
            m.Imports.Add(new Import("", i.ToString(System.Globalization.CultureInfo.InvariantCulture), ExternalKind.Func) { FuncTypeIndex = (uint)t });
            funcs[i] = (uint)i;
        }
        uint n = (uint)_shim.Count;
        m.Imports.Add(new Import("", ShimTableName, ExternalKind.Table) { Table = new TableType(ValType.FuncRef, new Limits(n, n)) });
        var offset = new WasmWriter();
        new CodeWriter(offset).I32Const(0);
        offset.WriteByte(0x0B);
        m.Elements.Add(new ElementSegment { Mode = SegmentMode.Active, TableIndex = 0, Offset = new ConstExpr(offset.ToArray(), 0), FunctionIndices = funcs });
        m.CountImports();
        return m;
    }
}
