using Kiln.Component.Validation.Types;
using Kiln.Wasm.Model;

namespace Kiln.Compiler.Component;

/// <summary>
/// A component translated to a flat list of initializers (see README): static core modules, the steps that
/// instantiate them and wire their imports, and the exports. Nothing nested remains; only the root
/// component's imports are symbolic. <see cref="Types"/> is the validator's arena the type ids refer to.
/// </summary>
public sealed class ComponentPlan
{
    public required TypeArena Types { get; init; }
    public required ComponentTypeData Type { get; init; }
    public List<WasmModule> Modules { get; } = [];
    public List<GlobalInitializer> Initializers { get; } = [];
    public OrderedDictionary<string, PlanExport> Exports { get; } = new(StringComparer.Ordinal);

    /// <summary>Run-time component instances (flags, handle tables); the root is 0.</summary>
    public int RuntimeInstanceCount { get; internal set; }
    public int CoreInstanceCount { get; internal set; }
    public int LoweringCount { get; internal set; }
    public int MemoryCount { get; internal set; }
    public int ReallocCount { get; internal set; }
    public int PostReturnCount { get; internal set; }
    public int ResourceCount { get; internal set; }
}

/// <summary>An export of the root component.</summary>
public abstract record PlanExport;

/// <summary>A function: lifted by a core function, or an import exported again.</summary>
public sealed record FuncExport(FuncSource Func) : PlanExport;

/// <summary>An instance: its exports by name.</summary>
public sealed record InstanceExport(OrderedDictionary<string, PlanExport> Exports) : PlanExport;

/// <summary>A type (a run-time resource when <see cref="Resource"/> is set).</summary>
public sealed record TypeExport(TypeId Type, int? Resource) : PlanExport;

/// <summary>A module, component or value export: kept by name, not callable.</summary>
public sealed record OpaqueExport(string Kind) : PlanExport;

/// <summary>Where a component function comes from.</summary>
public abstract record FuncSource(TypeId Type);

/// <summary><c>canon lift</c> of <see cref="Callee"/> with <see cref="Options"/> (whose instance owns the function).</summary>
public sealed record LiftedFunction(TypeId Type, CoreDef Callee, CanonicalOptionsPlan Options) : FuncSource(Type);

/// <summary>A function imported by the root component (a host function).</summary>
public sealed record ImportedFunction(TypeId Type, ImportPath Import) : FuncSource(Type);
