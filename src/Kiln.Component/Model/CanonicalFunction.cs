using Kiln.Wasm.Model;

namespace Kiln.Component.Model;

/// <summary>
/// A canonical definition (<c>canon lift</c>, <c>canon lower</c> and the built-ins). Which fields mean
/// something is given by <see cref="CanonOpTable"/>'s immediates for <see cref="Op"/>:
/// <see cref="FuncIndex"/> holds lift's core function or lower's component function; <see cref="TypeIndex"/>
/// a component type; <see cref="CoreTypeIndex"/>, <see cref="TableIndex"/>, <see cref="MemoryIndex"/>
/// core indices; <see cref="Slot"/> the context slot; <see cref="Result"/> the task.return result.
/// Lift and lower define a func / core func; every built-in defines one core func.
/// </summary>
public sealed record CanonicalFunction(CanonOp Op) : ComponentItem
{
    public uint FuncIndex { get; init; }
    public uint TypeIndex { get; init; }
    public uint CoreTypeIndex { get; init; }
    public uint TableIndex { get; init; }
    public uint MemoryIndex { get; init; }
    public uint Slot { get; init; }
    public ValType CoreValType { get; init; }
    public ComponentValType? Result { get; init; }
    public bool Async { get; init; }
    public bool Cancellable { get; init; }
    public bool Shared { get; init; }
    public IReadOnlyList<CanonOption> Options { get; init; } = [];

    public CanonOpInfo Info => CanonOpTable.Get(Op);

    /// <summary>The index space this definition adds to: <c>func</c> for lift, <c>core func</c> otherwise.</summary>
    public Sort Defines => Op == CanonOp.Lift ? Sort.Func : Sort.OfCore(CoreSort.Func);

    public static CanonicalFunction Lift(uint coreFunc, uint type, IReadOnlyList<CanonOption> options) =>
        new(CanonOp.Lift) { FuncIndex = coreFunc, TypeIndex = type, Options = options };
    public static CanonicalFunction Lower(uint func, IReadOnlyList<CanonOption> options) =>
        new(CanonOp.Lower) { FuncIndex = func, Options = options };
}
