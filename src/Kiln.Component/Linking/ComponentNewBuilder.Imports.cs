using Kiln.Component.Model;
using Kiln.Component.Wit.Encoding;
using Kiln.Component.Wit.Model;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;

namespace Kiln.Component.Linking;

internal sealed partial class ComponentNewBuilder
{
    /// <summary>What each import of <paramref name="m"/> is wired to, in import order (errors name the import).</summary>
    private List<CoreImportTarget> ClassifyImports(WasmModule m, string who, AdapterState? self)
    {
        var targets = new List<CoreImportTarget>();
        uint funcIndex = 0;
        foreach (var imp in m.Imports)
        {
            string what = $"{who} imports `{imp.ModuleName}::{imp.Name}`";
            if (imp.Kind == ExternalKind.Memory)
            {
                if (self is not null && imp.ModuleName == "env")
                {
                    targets.Add(new MemoryTarget());
                    continue;
                }
                throw new ComponentNewException(ComponentNewErrorKind.BadModule, $"{what} (a memory): only an adapter's `env` memory can be provided (the program's)");
            }
            if (imp.Kind != ExternalKind.Func)
                throw new ComponentNewException(ComponentNewErrorKind.BadModule, $"{what} (a {imp.Kind.ToString().ToLowerInvariant()}): only functions can be imported");
            var type = m.FunctionType(funcIndex++);
            targets.Add(Classify(imp, type, what, self));
        }
        return targets;
    }

    private CoreImportTarget Classify(Import imp, FuncType type, string what, AdapterState? self)
    {
        if (self is null && _adapters.Find(a => a.Name == imp.ModuleName) is { } adapter)
        {
            var ex = FindExport(adapter.Original, imp.Name, ExternalKind.Func)
                ?? throw new ComponentNewException(ComponentNewErrorKind.MissingAdapterExport,
                    $"{what}, but adapter `{adapter.Name}` does not export a function `{imp.Name}`");
            var actual = adapter.Original.FunctionType(ex.Index);
            if (!actual.Equals(type))
                throw new ComponentNewException(ComponentNewErrorKind.TypeMismatch,
                    $"{what} as {type}, but adapter `{adapter.Name}` exports it as {actual}");
            return new AdapterExportTarget(adapter, imp.Name);
        }
        if (self is not null && imp.ModuleName == MainModuleName)
        {
            var ex = FindExport(_main, imp.Name, ExternalKind.Func)
                ?? throw new ComponentNewException(ComponentNewErrorKind.MissingMainExport,
                    $"{what}, but the program does not export a function `{imp.Name}`");
            var actual = _main.FunctionType(ex.Index);
            if (!actual.Equals(type))
                throw new ComponentNewException(ComponentNewErrorKind.TypeMismatch, $"{what} as {type}, but the program exports it as {actual}");
            return new MainExportTarget(imp.Name);
        }
        if (imp.ModuleName.StartsWith(ExportPrefix, StringComparison.Ordinal))
            return ClassifyExportedResource(imp, type, what);
        if (imp.ModuleName == RootModuleName)
        {
            if (imp.Name.StartsWith(ResourceDropPrefix, StringComparison.Ordinal)
                && _rootTypes.GetValueOrDefault(imp.Name[ResourceDropPrefix.Length..]) is { } rootResource && IsResource(rootResource))
                return Drop(rootResource, type, what);
            if (!_rootFunctions.TryGetValue(imp.Name, out var rf))
                throw new ComponentNewException(ComponentNewErrorKind.UnknownFunction, $"{what}, but the world imports no function `{imp.Name}`");
            return Lower(rf, null, type, what);
        }
        var id = FindInterface(imp.ModuleName) ?? throw new ComponentNewException(ComponentNewErrorKind.UnknownInterface,
            $"{what}, but `{imp.ModuleName}` is neither an interface the world imports" +
            (self is null ? " nor an adapter" : "") +
            (_interfaces.Count == 0 ? " (the module carries no world: embed one with `kiln component embed`)" : $" (it imports {string.Join(", ", _interfaces.Keys)})"));
        var iface = _interfaces[id];
        if (imp.Name.StartsWith(ResourceDropPrefix, StringComparison.Ordinal))
        {
            string r = imp.Name[ResourceDropPrefix.Length..];
            if (iface.Types.TryGetValue(r, out var def) && IsResource(def)) return Drop(def, type, what);
            throw new ComponentNewException(ComponentNewErrorKind.UnknownFunction, $"{what}, but `{id}` has no resource `{r}`");
        }
        if (!iface.Functions.TryGetValue(imp.Name, out var f))
            throw new ComponentNewException(ComponentNewErrorKind.UnknownFunction, $"{what}, but interface `{id}` has no function `{imp.Name}`");
        return Lower(f, id, type, what);
    }

    private const string ExportPrefix = "[export]";

    private static readonly (string Prefix, CanonOp Op, FuncType Type)[] ResourceIntrinsics =
    [
        ("[resource-new]", CanonOp.ResourceNew, new FuncType([ValType.I32], [ValType.I32])),
        ("[resource-rep]", CanonOp.ResourceRep, new FuncType([ValType.I32], [ValType.I32])),
        ("[resource-drop]", CanonOp.ResourceDrop, new FuncType([ValType.I32], [])),
    ];

    /// <summary>wit-bindgen's names for the built-ins of a resource the component exports.</summary>
    private ExportedResourceTarget ClassifyExportedResource(Import imp, FuncType type, string what)
    {
        string module = imp.ModuleName[ExportPrefix.Length..];
        var iface = _exportedInterfaces.FirstOrDefault(i => i.Id is { } id && InterfaceNames.Compatible(id, module))
            ?? throw new ComponentNewException(ComponentNewErrorKind.UnknownInterface, $"{what}, but the world exports no interface `{module}`");
        foreach (var (prefix, op, expected) in ResourceIntrinsics)
        {
            if (!imp.Name.StartsWith(prefix, StringComparison.Ordinal)) continue;
            string r = imp.Name[prefix.Length..];
            if (!iface.Types.TryGetValue(r, out var def) || def.Kind is not WitResourceKind)
                throw new ComponentNewException(ComponentNewErrorKind.UnknownFunction, $"{what}, but exported interface `{iface.Id}` defines no resource `{r}`");
            if (!type.Equals(expected))
                throw new ComponentNewException(ComponentNewErrorKind.TypeMismatch, $"{what} as {type}, expected {expected}");
            return new ExportedResourceTarget(def, op);
        }
        throw new ComponentNewException(ComponentNewErrorKind.UnknownFunction,
            $"{what}, but only [resource-new], [resource-rep] and [resource-drop] can be imported for an exported interface");
    }

    private static bool IsResource(WitTypeDef def) => def.Kind switch
    {
        WitResourceKind => true,
        WitAliasKind { Target.Def: { } t } => IsResource(t),
        _ => false,
    };

    private static LowerTarget Lower(WitFunction f, string? owner, FuncType type, string what)
    {
        var expected = WitFlattening.LoweredSignature(f);
        if (!expected.Equals(type))
            throw new ComponentNewException(ComponentNewErrorKind.TypeMismatch,
                $"{what} as {type}, but the world's function lowers to {expected}");
        return new LowerTarget(f, owner);
    }

    private static ResourceDropTarget Drop(WitTypeDef resource, FuncType type, string what)
    {
        if (!type.Equals(new FuncType([ValType.I32], [])))
            throw new ComponentNewException(ComponentNewErrorKind.TypeMismatch, $"{what} as {type}, but a resource drop is [i32] -> []");
        return new ResourceDropTarget(resource);
    }

    /// <summary>The id of the world's interface a core module name refers to: exactly, or semver-compatibly.</summary>
    private string? FindInterface(string moduleName)
    {
        if (_interfaces.ContainsKey(moduleName)) return moduleName;
        foreach (var id in _interfaces.Keys)
            if (InterfaceNames.Compatible(id, moduleName)) return id;
        return null;
    }

    // ---- adapters: GC, realloc, stack ----

    private void PrepareAdapter(AdapterState a)
    {
        var m = a.Original;
        // The adapter's own world exports are part of the component; its reallocs serve its lowerings and lifts.
        foreach (var world in a.Worlds)
            foreach (var (key, item) in world.Exports)
            {
                if (item is WitFunctionItem) a.Required.Add(key.Name!);
                else if (item is WitInterfaceItem ii)
                    foreach (var f in ii.Interface.Functions.Values) a.Required.Add($"{ii.Interface.Id}#{f.ExternName}");
            }
        foreach (var name in a.Required.ToList()) a.Required.Add("cabi_post_" + name);
        foreach (var name in (string[])["cabi_import_realloc", "cabi_export_realloc", "cabi_realloc"]) a.Required.Add(name);

        var replace = new List<ImportReplacement>();
        int reallocImport = ImportedFunctionIndex(m, MainModuleName, "cabi_realloc");
        if (reallocImport >= 0 && !Exports(_main, "cabi_realloc", ExternalKind.Func))
        {
            // The program has no allocator to lend: the adapter allocates by growing memory instead.
            var (locals, code) = AdapterStack.MemoryGrowRealloc();
            replace.Add(new ImportReplacement(MainModuleName, "cabi_realloc", locals, code));
        }
        var stack = StackPointer.Find(m);
        uint? allocationState = StackPointer.FindGlobalByName(m, AdapterStack.AllocationStateName) is { } st && StackPointer.IsMutableI32(m, st) ? st : null;
        var gc = ModuleGc.Run(m, a.Required, replace);
        var final = gc.Module;
        if (stack is { } sp && gc.NewIndex(IndexSpace.Global, sp.Global) is { } newSp)
        {
            // The program's cabi_realloc (or its memory-growing stand-in, when the program exports none): imported
            // for the stack if the adapter does not import it already. Without either, Inject grows memory.
            uint? realloc = reallocImport >= 0 ? gc.NewIndex(IndexSpace.Func, (uint)reallocImport) : null;
            if (realloc is null && Exports(_main, "cabi_realloc", ExternalKind.Func))
            {
                realloc = FunctionImportInsertion.Add(final, MainModuleName, "cabi_realloc", AdapterStack.ReallocType);
            }
            AdapterStack.Inject(final, newSp, allocationState is { } s ? gc.NewIndex(IndexSpace.Global, s) : null, realloc);
        }
        else if (stack is null)
        {
            for (uint g = 0; g < final.TotalGlobalCount; g++)
                if (StackPointer.IsMutableI32(final, g))
                    StackPointer.Require(m, $"adapter `{a.Name}`"); // throws: mutable i32 state but no identifiable stack
        }
        final.CountImports();
        a.Final = final;
        a.Bytes = ModuleEncoder.Encode(final);
        // What remains must still be a valid module.
        try
        {
            Kiln.Wasm.Validation.ModuleValidator.Validate(ModuleDecoder.Decode(a.Bytes));
        }
        catch (KilnException e)
        {
            throw new ComponentNewException(ComponentNewErrorKind.BadModule, $"adapter `{a.Name}` after GC does not validate: {e.Message}", e);
        }
    }

    private static int ImportedFunctionIndex(WasmModule m, string module, string name)
    {
        int f = 0;
        foreach (var imp in m.Imports)
        {
            if (imp.Kind != ExternalKind.Func) continue;
            if (imp.ModuleName == module && imp.Name == name) return f;
            f++;
        }
        return -1;
    }

    // ---- the component's imports ----

    /// <summary>
    /// Imports what the targets and the exports use, as wit-component does: each interface's instance type holds only
    /// the functions the modules import from it and the named types those functions, the resource drops and the
    /// exports reach; an interface none of that reaches is not imported at all. World-level types and functions
    /// follow. Interfaces come in the worlds' order, each after those whose types it uses.
    /// </summary>
    private void EmitImports(IEnumerable<CoreImportTarget> targets)
    {
        var usedFuncs = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var usedTypes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var rootNeeded = new HashSet<string>(StringComparer.Ordinal);
        bool rootTypesNeeded = _mainWorlds.Any(w => w.Exports.Any(e => e.Value is WitFunctionItem));
        var seen = new HashSet<WitTypeDef>(ReferenceEqualityComparer.Instance);

        void NeedType(WitType? t)
        {
            if (t is { Def: { } d }) NeedDef(d);
        }
        void NeedFunction(WitFunction f)
        {
            foreach (var p in f.Params) NeedType(p.Type);
            NeedType(f.Result);
        }
        void NeedDef(WitTypeDef d)
        {
            if (!seen.Add(d)) return;
            if (d.Name is not null && d.Owner is WitInterface owner && owner.Id is { } oid && FindInterface(oid) is { } id)
            {
                if (!usedTypes.TryGetValue(id, out var names)) usedTypes[id] = names = new(StringComparer.Ordinal);
                names.Add(d.Name);
            }
            switch (d.Kind)
            {
                case WitAliasKind a: NeedType(a.Target); break;
                case WitRecordKind r: foreach (var f in r.Fields) NeedType(f.Type); break;
                case WitVariantKind v: foreach (var c in v.Cases) NeedType(c.Type); break;
                case WitTupleKind tu: foreach (var e in tu.Types) NeedType(e); break;
                case WitListKind l: NeedType(l.Element); break;
                case WitFixedListKind fl: NeedType(fl.Element); break;
                case WitMapKind m: NeedType(m.Key); NeedType(m.Value); break;
                case WitOptionKind o: NeedType(o.Type); break;
                case WitResultKind r: NeedType(r.Ok); NeedType(r.Err); break;
                case WitFutureKind fu: NeedType(fu.Type); break;
                case WitStreamKind st: NeedType(st.Type); break;
                case WitHandleKind h: NeedDef(h.Resource); break;
            }
        }

        foreach (var t in targets)
        {
            switch (t)
            {
                case LowerTarget { Owner: { } owner } l:
                    if (!usedFuncs.TryGetValue(owner, out var fs)) usedFuncs[owner] = fs = new(StringComparer.Ordinal);
                    fs.Add(l.Function.ExternName);
                    NeedFunction(l.Function);
                    break;
                case LowerTarget l:
                    rootNeeded.Add(l.Function.ExternName);
                    rootTypesNeeded = true;
                    NeedFunction(l.Function);
                    break;
                case ResourceDropTarget d:
                    if (d.Resource.Owner is not WitInterface) rootTypesNeeded = true;
                    NeedDef(d.Resource);
                    break;
            }
        }
        // Exported functions may use imported types: those are imported too.
        foreach (var world in _mainWorlds.Concat(_adapters.SelectMany(a => a.Worlds)))
            foreach (var (_, item) in world.Exports)
            {
                if (item is WitInterfaceItem ii) foreach (var f in ii.Interface.Functions.Values) NeedFunction(f);
                else if (item is WitFunctionItem fi) NeedFunction(fi.Function);
            }
        if (rootTypesNeeded) foreach (var def in _rootTypes.Values) NeedDef(def);

        var emitted = new HashSet<string>(StringComparer.Ordinal);
        void Emit(string id)
        {
            if (!emitted.Add(id)) return;
            var iface = _interfaces[id];
            foreach (var dep in WitEncoder.TransitiveDependencies(iface))
                if (dep.Id is { } depId && FindInterface(depId) is { } found && (usedTypes.ContainsKey(found) || usedFuncs.ContainsKey(found)))
                    Emit(found);
            var funcs = usedFuncs.GetValueOrDefault(id, []);
            var types = usedTypes.GetValueOrDefault(id, []);
            var inst = new WitTypeScope(_w, isInstance: true);
            WitEncoder.DefineTypes(inst, iface);
            foreach (var (name, def) in iface.Types)
                if (types.Contains(name)) inst.IndexOf(def);
            foreach (var f in iface.Functions.Values)
                if (funcs.Contains(f.ExternName)) inst.AddFunc(import: false, f.ExternName, inst.FuncType(f));
            WitEncoder.ImportOrExport(_w, iface, inst, import: true, id);
            _importedInstances[id] = _w.InstanceCount - 1;
            // The same interface decoded from another module's metadata shares these types.
            foreach (var other in _sameId.GetValueOrDefault(id, []))
                foreach (var (name, def) in other.Types)
                    if (iface.Types.TryGetValue(name, out var mine)) _w.Share(def, mine);
        }
        foreach (var id in _interfaces.Keys.ToList())
            if (usedTypes.ContainsKey(id) || usedFuncs.ContainsKey(id)) Emit(id);
        // Every interface with a compatible name shares the emitted one's types (e.g. an adapter's @0.2.6 import).
        foreach (var (id, list) in _sameId)
            if (!emitted.Contains(id) && FindInterface(id) is { } found && emitted.Contains(found))
                foreach (var other in list)
                    foreach (var (name, def) in other.Types)
                        if (_interfaces[found].Types.TryGetValue(name, out var mine)) _w.Share(def, mine);
        _w.DefineNamed = def => WitEncoder.DefineNamedIn(_w, def);
        if (rootTypesNeeded)
            foreach (var def in _rootTypes.Values) _w.IndexOf(def);
        foreach (var (name, f) in _rootFunctions)
            if (rootNeeded.Contains(name)) _w.AddFunc(import: true, name, _w.FuncType(f));
        _w.DefineNamed = null;
        Flush();
        _instances = _w.InstanceCount;
    }
}
