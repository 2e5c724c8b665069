namespace Kiln.Component.Model;

/// <summary>A core instance definition (Binary.md <c>core:instance</c>).</summary>
public abstract record CoreInstance : ComponentItem;

/// <summary><c>(instance (instantiate m (with "name" (instance i))*))</c>.</summary>
public sealed record CoreInstantiate(uint ModuleIndex, IReadOnlyList<CoreInstantiateArg> Args) : CoreInstance;

/// <summary>One <c>with</c> argument; the binary format only allows the core <c>instance</c> sort here.</summary>
public readonly record struct CoreInstantiateArg(string Name, CoreSort Sort, uint Index);

/// <summary>A core instance made of inline exports: <c>(instance (export "n" (func 0))*)</c>.</summary>
public sealed record CoreInlineExports(IReadOnlyList<CoreInlineExport> Exports) : CoreInstance;

public readonly record struct CoreInlineExport(string Name, CoreSort Sort, uint Index);
