using Kiln.Component.Model;
using Kiln.Component.Wit.Encoding;
using Kiln.Component.Wit.Model;
using Kiln.Wasm;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;

namespace Kiln.Component.Linking;

/// <summary>
/// Builds one component (see <see cref="ComponentNew"/>). Index spaces of the component are counted here as items
/// are appended in order; types go through one <see cref="WitTypeScope"/> for the whole component, whose
/// declarators are turned into type, alias and import sections as they are made.
/// </summary>
internal sealed partial class ComponentNewBuilder
{
    public const string MainModuleName = "__main_module__";
    public const string RootModuleName = "$root";
    private const string ResourceDropPrefix = "[resource-drop]";

    private readonly byte[] _mainBytes;
    private readonly WasmModule _main;
    private readonly List<WitWorld> _mainWorlds = [];
    private readonly List<AdapterState> _adapters = [];

    // Interfaces the worlds import, one per id (the first seen); others with the same id share its types.
    private readonly OrderedDictionary<string, WitInterface> _interfaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<WitInterface>> _sameId = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, WitFunction> _rootFunctions = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, WitTypeDef> _rootTypes = new(StringComparer.Ordinal);

    private readonly WasmComponent _c = new();
    private readonly WitTypeScope _w = new(null, isInstance: false);
    private int _flushed;
    private uint _funcs, _coreFuncs, _coreInstances, _coreModules, _coreMemories, _coreTables;
    private uint _instances, _components;
    private readonly Dictionary<string, uint> _importedInstances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, uint> _rootFunctionIndex = new(StringComparer.Ordinal);

    public ComponentNewBuilder(byte[] module, IReadOnlyList<AdapterInput> adapters)
    {
        var (sections, stripped) = ComponentTypeMetadata.Extract(module);
        _mainBytes = stripped;
        _main = DecodeModule(stripped, "the program");
        foreach (var (name, payload) in sections) _mainWorlds.Add(ComponentTypeMetadata.DecodeWorld(name, payload));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in adapters)
        {
            if (!names.Add(a.Name))
                throw new ComponentNewException(ComponentNewErrorKind.Duplicate, $"adapter `{a.Name}` is given twice");
            if (a.Name is MainModuleName or RootModuleName or "env")
                throw new ComponentNewException(ComponentNewErrorKind.Duplicate, $"`{a.Name}` cannot name an adapter (the name is reserved)");
            var (asections, astripped) = ComponentTypeMetadata.Extract(a.Bytes);
            var worlds = asections.Select(s => ComponentTypeMetadata.DecodeWorld(s.Name, s.Payload)).ToList();
            _adapters.Add(new AdapterState(a.Name, DecodeModule(astripped, $"adapter `{a.Name}`"), worlds));
        }
        foreach (var world in _mainWorlds.Concat(_adapters.SelectMany(a => a.Worlds)))
            RegisterWorld(world);
        foreach (var world in _mainWorlds)
            foreach (var (_, item) in world.Exports)
                if (item is WitInterfaceItem ii && !_exportedInterfaces.Contains(ii.Interface)) _exportedInterfaces.Add(ii.Interface);
    }

    /// <summary>Interfaces the program's worlds export (whose resources the component defines).</summary>
    private readonly List<WitInterface> _exportedInterfaces = [];

    private static WasmModule DecodeModule(byte[] bytes, string what)
    {
        try
        {
            var m = ModuleDecoder.Decode(bytes);
            m.CountImports();
            return m;
        }
        catch (WasmDecodeException e)
        {
            throw new ComponentNewException(ComponentNewErrorKind.BadModule, $"{what}: {e.Message}", e);
        }
    }

    private void RegisterWorld(WitWorld world)
    {
        foreach (var (key, item) in world.Imports)
        {
            switch (item)
            {
                case WitInterfaceItem ii when ii.Interface.Id is { } id:
                    _interfaces.TryAdd(id, ii.Interface);
                    if (!_sameId.TryGetValue(id, out var list)) _sameId[id] = list = [];
                    list.Add(ii.Interface);
                    foreach (var dep in WitEncoder.TransitiveDependencies(ii.Interface))
                        if (dep.Id is { } did && !_sameId.GetValueOrDefault(did, []).Contains(dep))
                        {
                            _interfaces.TryAdd(did, dep);
                            if (!_sameId.TryGetValue(did, out var dl)) _sameId[did] = dl = [];
                            dl.Add(dep);
                        }
                    break;
                case WitFunctionItem fi:
                    _rootFunctions.TryAdd(key.Name ?? fi.Function.ExternName, fi.Function);
                    break;
                case WitTypeItem ti:
                    _rootTypes.TryAdd(ti.Type.Name ?? key.ExternName, ti.Type);
                    break;
            }
        }
    }

    public WasmComponent Build()
    {
        var mainTargets = ClassifyImports(_main, "the program", null);
        foreach (var t in mainTargets)
            if (t is AdapterExportTarget at) at.Adapter.Required.Add(at.Export);
        var adapterTargets = new List<List<CoreImportTarget>>();
        foreach (var a in _adapters)
        {
            PrepareAdapter(a);
            adapterTargets.Add(ClassifyImports(a.Final!, $"adapter `{a.Name}`", a));
        }
        EmitImports(mainTargets.Concat(adapterTargets.SelectMany(t => t)));
        EmitCore(mainTargets, adapterTargets);
        EmitExports();
        return _c;
    }

    // ---- sections and index spaces ----

    private void Add<TSection, TItem>(TItem item) where TSection : ItemSection<TItem>, new()
    {
        if (_c.Sections.Count == 0 || _c.Sections[^1] is not TSection s)
        {
            s = new TSection();
            _c.Sections.Add(s);
        }
        s.Items.Add(item);
    }

    /// <summary>Moves the type scope's new declarators into the component as sections.</summary>
    private void Flush()
    {
        for (; _flushed < _w.Decls.Count; _flushed++)
        {
            switch (_w.Decls[_flushed])
            {
                case TypeDefinitionDeclaration t: Add<TypeSection, TypeDefinition>(t.Type); break;
                case CoreTypeDeclaration ct: Add<CoreTypeSection, CoreTypeDefinition>(ct.Type); break;
                case AliasDeclaration a: Add<AliasSection, Alias>(a.Alias); break;
                case ImportDeclaration i:
                    Add<ImportSection, ComponentImport>(new ComponentImport(i.Name, i.Type));
                    if (i.Type.Kind == ExternKind.Func) _rootFunctionIndex[i.Name.Name] = _funcs++;
                    break;
                default:
                    throw new InvalidOperationException($"unexpected declarator {_w.Decls[_flushed]} at component level");
            }
        }
    }

    private uint AliasCoreExport(CoreSort sort, uint instance, string name)
    {
        Add<AliasSection, Alias>(Alias.CoreExport(sort, instance, name));
        return sort switch
        {
            CoreSort.Func => _coreFuncs++,
            CoreSort.Memory => _coreMemories++,
            CoreSort.Table => _coreTables++,
            _ => throw new ArgumentOutOfRangeException(nameof(sort)),
        };
    }

    private uint AliasFunc(uint instance, string name)
    {
        Add<AliasSection, Alias>(Alias.Export(Sort.Func, instance, name));
        return _funcs++;
    }

    private uint Canon(CanonicalFunction f)
    {
        Add<CanonSection, CanonicalFunction>(f);
        return f.Op == CanonOp.Lift ? _funcs++ : _coreFuncs++;
    }

    private uint CoreInlineInstance(List<CoreInlineExport> exports)
    {
        Add<CoreInstanceSection, CoreInstance>(new CoreInlineExports(exports));
        return _coreInstances++;
    }

    private uint CoreInstantiate(uint module, List<CoreInstantiateArg> args)
    {
        Add<CoreInstanceSection, CoreInstance>(new CoreInstantiate(module, args));
        return _coreInstances++;
    }

    private uint CoreModule(WasmModule module, byte[] bytes)
    {
        _c.Sections.Add(new CoreModuleSection(module, bytes));
        return _coreModules++;
    }

    private static bool Exports(WasmModule m, string name, ExternalKind kind) =>
        m.Exports.Any(e => e.Name == name && e.Kind == kind);

    private static Export? FindExport(WasmModule m, string name, ExternalKind kind) =>
        m.Exports.FirstOrDefault(e => e.Name == name && e.Kind == kind);
}
