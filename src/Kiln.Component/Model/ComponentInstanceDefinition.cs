namespace Kiln.Component.Model;

/// <summary>A component instance definition (Binary.md <c>instance</c>).</summary>
public abstract record ComponentInstanceDefinition : ComponentItem;

/// <summary><c>(instance (instantiate c (with "name" (sort i))*))</c>.</summary>
public sealed record ComponentInstantiate(uint ComponentIndex, IReadOnlyList<InstantiateArg> Args) : ComponentInstanceDefinition;

public readonly record struct InstantiateArg(string Name, SortIndex Item);

/// <summary>An instance made of inline exports: <c>(instance (export "n" (func 0))*)</c>.</summary>
public sealed record ComponentInlineExports(IReadOnlyList<InlineExport> Exports) : ComponentInstanceDefinition;

public readonly record struct InlineExport(ExternName Name, SortIndex Item);
