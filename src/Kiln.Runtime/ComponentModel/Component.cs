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
    private Component(Engine engine, WasmComponent model, Func<ComponentPlan, AlwaysTrapModule?, Module[]>? load = null)
    {
        Engine = engine;
        Model = model;
        var validated = ComponentValidator.ValidateDetailed(model);
        Plan = ComponentTranslator.Translate(model, validated);
        AlwaysTraps = AlwaysTrapModule.Build(Plan);
        var modules = load?.Invoke(Plan, AlwaysTraps) ?? new Module[Plan.Modules.Count + (AlwaysTraps is null ? 0 : 1)];
        if (load is null)
        {
            for (int i = 0; i < Plan.Modules.Count; i++) modules[i] = Module.Compile(engine, Plan.Modules[i]);
            if (AlwaysTraps is { } at)
                modules[^1] = Module.FromCompiled(engine, at.Module, layout => AlwaysTrapModule.Retag(Compilation.Compile(engine, at.Module, layout)));
        }
        CoreModules = modules[..Plan.Modules.Count];
        AlwaysTrapCode = AlwaysTraps is null ? null : modules[^1];
    }

    /// <summary>The plan's always-trap functions (one per core signature), if it has any, and their compiled module.</summary>
    internal AlwaysTrapModule? AlwaysTraps { get; }
    internal Module? AlwaysTrapCode { get; }

    /// <summary>The component as decoded or parsed (what an artifact embeds).</summary>
    internal WasmComponent Model { get; }

    public Engine Engine { get; }

    internal ComponentPlan Plan { get; }
    internal IReadOnlyList<Module> CoreModules { get; }

    private readonly ConcurrentDictionary<object, Lazy<(AdapterModule, Module)>> _adapters = new(ReferenceEqualityComparer.Instance);

    /// <summary>The generated adapter module holding <paramref name="defs"/> (the adapters of one plan step,
    /// <paramref name="key"/>), compiled by the ordinary pipeline on first use.</summary>
    internal (AdapterModule Adapter, Module Module) Adapter(object key, IReadOnlyList<FusedAdapterDef> defs) =>
        _adapters.GetOrAdd(key, _ => new(() =>
        {
            var adapter = AdapterCompiler.Compile(defs, Plan.Types);
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
        foreach (var a in _adapters.Values)
            if (a.IsValueCreated) a.Value.Item2.Dispose();
    }

    /// <summary>The names of the component's imports, in order.</summary>
    public IEnumerable<string> ImportNames => Plan.Type.Imports.Keys;

    /// <summary>The names of the component's exports, in order.</summary>
    public IEnumerable<string> ExportNames => Plan.Exports.Keys;
}
