using Kiln.Component.Wit.Model;

namespace Kiln.Component.Linking;

/// <summary>What a core import of the program or of an adapter is wired to.</summary>
internal abstract record CoreImportTarget;

/// <summary>A function of an imported interface (Owner = its component import name) or of the world (Owner null),
/// lowered with <c>canon lower</c>.</summary>
internal sealed record LowerTarget(WitFunction Function, string? Owner) : CoreImportTarget;

/// <summary><c>[resource-drop]r</c> of an imported resource: <c>canon resource.drop</c>.</summary>
internal sealed record ResourceDropTarget(WitTypeDef Resource) : CoreImportTarget;

/// <summary>A function the program imports from an adapter.</summary>
internal sealed record AdapterExportTarget(AdapterState Adapter, string Export) : CoreImportTarget;

/// <summary>An adapter's import from <c>__main_module__</c>: the program's export.</summary>
internal sealed record MainExportTarget(string Export) : CoreImportTarget;

/// <summary>An adapter's <c>env.memory</c>: the program's memory.</summary>
internal sealed record MemoryTarget : CoreImportTarget;

/// <summary><c>[export]iface</c> <c>[resource-new]r</c>, <c>[resource-rep]r</c> or <c>[resource-drop]r</c> of a
/// resource an exported interface defines: the canonical built-in over the component's own resource type.</summary>
internal sealed record ExportedResourceTarget(WitTypeDef Resource, Kiln.Component.Model.CanonOp Op) : CoreImportTarget;
