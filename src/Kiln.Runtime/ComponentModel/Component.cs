using System.Collections.Concurrent;
using Kiln.Compiler.Component;
using Kiln.Compiler.Component.Adapters;
using Kiln.Component.Binary;
using Kiln.Component.Model;
using Kiln.Component.Text;
using Kiln.Component.Validation;

namespace Kiln.Runtime;

/// <summary>
/// A validated, translated and compiled component: its flat plan (src/Kiln.Compiler/Component) and its core
/// modules compiled by the ordinary pipeline. Instantiate it with a <see cref="ComponentLinker"/>.
/// </summary>
public sealed partial class Component : IDisposable
{
    /// <summary><paramref name="load"/>, for an artifact, returns the code of the plan's core modules, then of the
    /// always-trap module if the plan has one, then of each adapter module (in <see cref="AdapterPartition"/> order);
    /// without it everything is compiled here, adapter modules on first use.</summary>
    private Component(Engine engine, WasmComponent model, Func<ComponentPlan, AlwaysTrapModule?, IReadOnlyList<AdapterModule>, Module[]>? load = null)
    {
        Engine = engine;
        Model = model;
        var validated = ComponentValidator.ValidateDetailed(model);
        Plan = ComponentTranslator.Translate(model, validated);
        AlwaysTraps = AlwaysTrapModule.Build(Plan);
        AdapterGroups = AdapterPartition.Of(Plan);
        var adapters = new AdapterModule[AdapterGroups.Count];
        for (int i = 0; i < adapters.Length; i++) adapters[i] = AdapterCompiler.Compile(AdapterGroups[i], Plan.Types);
        int traps = AlwaysTraps is null ? 0 : 1;
        var modules = load?.Invoke(Plan, AlwaysTraps, adapters);
        if (modules is null)
        {
            modules = new Module[Plan.Modules.Count + traps];
            for (int i = 0; i < Plan.Modules.Count; i++) modules[i] = Module.Compile(engine, Plan.Modules[i]);
            if (AlwaysTraps is { } at)
                modules[^1] = Module.FromCompiled(engine, at.Module, layout => AlwaysTrapModule.Retag(Compilation.Compile(engine, at.Module, layout)));
        }
        CoreModules = modules[..Plan.Modules.Count];
        AlwaysTrapCode = AlwaysTraps is null ? null : modules[Plan.Modules.Count];
        _adapterCode = new Lazy<(AdapterModule, Module)>[adapters.Length];
        _groupOf = new int[Plan.Initializers.Count];
        Array.Fill(_groupOf, -1);
        for (int i = 0; i < adapters.Length; i++)
        {
            var adapter = adapters[i];
            _adapterCode[i] = modules.Length > Plan.Modules.Count + traps
                ? new((adapter, modules[Plan.Modules.Count + traps + i]))
                : new(() => (adapter, Module.Compile(engine, adapter.Module)));
            _groupOf[AdapterGroups[i].Initializer] = i;
        }
    }

    /// <summary>The plan's adapter modules: which fused adapters each core instantiation brings.</summary>
    internal IReadOnlyList<AdapterGroup> AdapterGroups { get; }

    private readonly Lazy<(AdapterModule, Module)>[] _adapterCode;
    private readonly int[] _groupOf;

    /// <summary>The adapter module (generated and compiled) the plan's initializer <paramref name="initializer"/>
    /// brings, with its group; null when it brings none.</summary>
    internal (AdapterGroup Group, AdapterModule Adapter, Module Module)? AdapterModuleFor(int initializer)
    {
        int g = _groupOf[initializer];
        if (g < 0) return null;
        var (adapter, module) = _adapterCode[g].Value;
        return (AdapterGroups[g], adapter, module);
    }

    /// <summary>Every adapter module's code, compiled now if it was not yet (for <see cref="Serialize"/>).</summary>
    internal IEnumerable<Module> AdapterCode()
    {
        foreach (var a in _adapterCode) yield return a.Value.Item2;
    }

    /// <summary>The plan's always-trap functions (one per core signature), if it has any, and their compiled module.</summary>
    internal AlwaysTrapModule? AlwaysTraps { get; }
    internal Module? AlwaysTrapCode { get; }

    /// <summary>The component as decoded or parsed (what an artifact embeds).</summary>
    internal WasmComponent Model { get; }

    public Engine Engine { get; }

    internal ComponentPlan Plan { get; }
    internal IReadOnlyList<Module> CoreModules { get; }

    private readonly ConcurrentDictionary<FusedAdapterDef, Lazy<(AdapterModule, Module)>> _singleAdapters = new(ReferenceEqualityComparer.Instance);

    /// <summary>The adapter module of a lowering no core instantiation imports (a rare shape: not in artifacts),
    /// generated and compiled on first use.</summary>
    internal (AdapterModule Adapter, Module Module) SingleAdapter(FusedAdapterDef def) =>
        _singleAdapters.GetOrAdd(def, _ => new(() =>
        {
            var adapter = AdapterCompiler.Compile(def, Plan.Types);
            return (adapter, Module.Compile(Engine, adapter.Module));
        })).Value;

    /// <summary>Validates, translates and compiles a decoded or parsed component. Throws
    /// <see cref="ComponentValidationException"/> for an invalid one and <see cref="ComponentTranslationException"/>
    /// for one using a feature not supported yet.</summary>
    public static Component FromModel(Engine engine, WasmComponent component)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(component);
        return new Component(engine, component);
    }

    public static Component FromText(Engine engine, string text) => FromModel(engine, ComponentTextParser.Parse(text));

    public static Component FromBinary(Engine engine, ReadOnlyMemory<byte> bytes) => FromModel(engine, ComponentDecoder.Decode(bytes));

    /// <summary>A binary (<c>.wasm</c>) or text (<c>.wat</c>) component file.</summary>
    public static Component FromFile(Engine engine, string path)
    {
        var bytes = File.ReadAllBytes(path);
        return WasmBinary.IsComponent(bytes) ? FromBinary(engine, bytes) : FromText(engine, System.Text.Encoding.UTF8.GetString(bytes));
    }

    /// <summary>Frees the machine code of the component's core modules and fused adapter modules (see <see cref="Module.Dispose"/>): its
    /// instances must not be used afterwards. Optional: code lives until the engine is collected.</summary>
    public void Dispose()
    {
        foreach (var m in CoreModules) m.Dispose();
        AlwaysTrapCode?.Dispose();
        foreach (var a in _adapterCode)
            if (a.IsValueCreated) a.Value.Item2.Dispose();
        foreach (var a in _singleAdapters.Values)
            if (a.IsValueCreated) a.Value.Item2.Dispose();
    }

    /// <summary>The names of the component's imports, in order.</summary>
    public IEnumerable<string> ImportNames => Plan.Type.Imports.Keys;

    /// <summary>The names of the component's exports, in order.</summary>
    public IEnumerable<string> ExportNames => Plan.Exports.Keys;
}
