using Kiln.Component.Model;
using Kiln.Wasm.Model;

namespace Kiln.Compiler.Component;

/// <summary>
/// What satisfies a core import or names a canonical option's function or memory (Wasmtime's <c>CoreDef</c>):
/// an export of a run-time core instance, a lowered host import, an always-trap function, a stand-in for a
/// fused adapter, or a canonical built-in bound to its component instance.
/// </summary>
public abstract record CoreDef;

/// <summary>Export <see cref="Name"/> of run-time core instance <see cref="Instance"/> (an <see cref="InstantiateModule"/>'s position).</summary>
public sealed record CoreExportDef(int Instance, string Name) : CoreDef;

/// <summary>The core function made by <see cref="LowerImport"/> number <see cref="Lowering"/>.</summary>
public sealed record LoweredDef(int Lowering) : CoreDef;

/// <summary><c>canon lower</c> of a <c>canon lift</c> of the same component instance: calling it always traps
/// (<c>AlwaysTrapAdapter</c>), since the instance could never be entered from itself.</summary>
public sealed record AlwaysTrapDef(FuncType Signature, int Instance) : CoreDef;

/// <summary><c>canon lower</c> of a function lifted by another component instance: needs a fused adapter (FACT,
/// part 3). Until then the runtime fills it with a stub that refuses to run when called.</summary>
public sealed record FusedAdapterDef(FuncType Signature, LiftedFunction Callee, int CallerInstance) : CoreDef;

/// <summary><c>resource.new</c>, <c>resource.rep</c> or <c>resource.drop</c> of run-time resource
/// <see cref="Resource"/>, acting on the handle table of component instance <see cref="Instance"/>.</summary>
public sealed record ResourceBuiltinDef(CanonOp Op, int Instance, int Resource) : CoreDef;

/// <summary>A built-in the runtime does not implement yet (the async, stream, future, thread ones). It still
/// checks <c>may_leave</c> first, as every built-in does, and then refuses.</summary>
public sealed record UnsupportedBuiltinDef(CanonOp Op, FuncType Signature, int Instance) : CoreDef;

/// <summary>A built-in the runtime implements trivially (<c>context.get/set</c>, <c>backpressure.inc/dec</c>).</summary>
public sealed record SimpleBuiltinDef(CanonOp Op, FuncType Signature, int Instance, uint Slot) : CoreDef;
