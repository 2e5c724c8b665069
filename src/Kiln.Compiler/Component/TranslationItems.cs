using Kiln.Component.Model;

namespace Kiln.Compiler.Component;

/// <summary>What a component-level index refers to while inlining (Wasmtime's <c>ComponentItemDef</c>).</summary>
internal abstract record Item;

internal sealed record FuncItem(FuncSource Source) : Item;

/// <summary>A component instance: its exports by name.</summary>
internal sealed record InstanceItem(OrderedDictionary<string, Item> Exports) : Item;

/// <summary>A component definition with the frame it was defined in (for outer aliases).</summary>
internal sealed record ComponentDefItem(WasmComponent Component, TranslationFrame? Parent) : Item;

internal sealed record ModuleItem(int Module) : Item;

/// <summary>A type; a run-time resource when <see cref="Resource"/> is set.</summary>
internal sealed record TypeItem(Kiln.Component.Validation.Types.TypeId Type, int? Resource) : Item;

/// <summary>A value (🪙): not executed.</summary>
internal sealed record ValueItem : Item;

/// <summary>A core instance: a run-time one (<see cref="Runtime"/>), or inline exports.</summary>
internal sealed record CoreInstanceItem(int? Runtime, Dictionary<string, CoreDef>? Inline)
{
    public CoreDef Export(string name) =>
        Runtime is { } r ? new CoreExportDef(r, name)
        : Inline!.TryGetValue(name, out var d) ? d : throw new InvalidOperationException($"core instance has no export \"{name}\" (validation should have caught this)");
}
