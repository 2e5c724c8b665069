using Kiln.IR;
using Kiln.Wasm.Model;

namespace Kiln.Compiler.VmContext;

/// <summary>
/// The calling conventions at the IR level (the backend maps them to registers):
/// <list type="bullet">
/// <item>a wasm function of type [p*] → [r*] is <c>(vmctx: iptr, p*) -> r*</c>, vmctx being the callee's;</item>
/// <item>a host-entry trampoline is <c>(funcref: iptr, args: iptr) -> ()</c>, the shape of <c>kilnrt_entry_fn</c>:
///   it calls the <see cref="VMFuncRef"/>'s code with the VMFuncRef's vmctx, arguments read from and results
///   written to the array of 16-byte <see cref="ValueSlot"/>s at <c>args</c>;</item>
/// <item>a wasm-to-host trampoline has the wasm type's signature, its vmctx being a <see cref="VMHostFuncContext"/>;
///   it calls the dispatcher <c>(host_context: iptr, args: iptr, count: i32) -> status: i32</c>.</item>
/// </list>
/// References (funcref, externref) are iptr values: a VMFuncRef pointer or an opaque handle, 0 = null.
/// </summary>
public static class CallingConvention
{
    public static readonly Signature EntryTrampoline = new([IrType.IPtr, IrType.IPtr], []);

    public static readonly Signature HostDispatcher = new([IrType.IPtr, IrType.IPtr, IrType.I32], [IrType.I32]);

    /// <summary>The IR type of a wasm value type; v128 is refused until SIMD is implemented.</summary>
    public static IrType IrTypeOf(ValType t) => t switch
    {
        ValType.I32 => IrType.I32,
        ValType.I64 => IrType.I64,
        ValType.F32 => IrType.F32,
        ValType.F64 => IrType.F64,
        ValType.FuncRef or ValType.ExternRef or ValType.ExnRef => IrType.IPtr,
        ValType.V128 => throw new Driver.SimdNotSupportedException("a v128 value"),
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, "not a value type"),
    };

    /// <summary>The IR signature of a wasm function of type <paramref name="type"/>: the callee vmctx, then the parameters.</summary>
    public static Signature WasmSignature(FuncType type)
    {
        var ps = new IrType[type.Params.Length + 1];
        ps[0] = IrType.IPtr;
        for (int i = 0; i < type.Params.Length; i++)
        {
            ps[i + 1] = IrTypeOf(type.Params[i]);
        }
        var rs = new IrType[type.Results.Length];
        for (int i = 0; i < rs.Length; i++)
        {
            rs[i] = IrTypeOf(type.Results[i]);
        }
        return new Signature(ps, rs);
    }
}
