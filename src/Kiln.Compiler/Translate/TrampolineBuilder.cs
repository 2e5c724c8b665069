using Kiln.Compiler.VmContext;
using Kiln.IR;
using Kiln.IR.Building;
using Kiln.Wasm.Model;
using Kiln.Compiler.Traps;

namespace Kiln.Compiler.Translate;

/// <summary>
/// Builds the per-signature trampolines between the host and wasm as IR (see <see cref="CallingConvention"/>).
/// Both move values through arrays of 16-byte <see cref="ValueSlot"/>s: slot i holds argument i on the way
/// in and result i on the way out. Neither checks the stack limit: the wasm callee's prologue does, and the
/// runtime's limit keeps room for host calls.
/// </summary>
public static class TrampolineBuilder
{
    /// <summary>
    /// Host → wasm, <c>(funcref: iptr, args: iptr) -> ()</c> as <c>kilnrt_call</c> calls it: loads the
    /// arguments from <c>args</c>, calls the VMFuncRef's code with the VMFuncRef's vmctx, stores the results
    /// back into <c>args</c> (which the runtime sizes for max(params, results) slots).
    /// </summary>
    public static Function HostToWasm(string name, FuncType type)
    {
        var f = new Function(name, CallingConvention.EntryTrampoline);
        var b = new FunctionBuilder(f);
        var entry = Entry(b);
        var funcref = f.Dfg.BlockParams(entry)[0];
        var args = f.Dfg.BlockParams(entry)[1];
        var ins = b.Ins();
        var code = ins.Load(IrType.IPtr, TrapCode.None, funcref, VMFuncRef.Code);
        var calleeVmctx = ins.Load(IrType.IPtr, TrapCode.None, funcref, VMFuncRef.Vmctx);
        var callArgs = new Value[type.Params.Length + 1];
        callArgs[0] = calleeVmctx;
        for (int i = 0; i < type.Params.Length; i++)
        {
            callArgs[i + 1] = ins.Load(CallingConvention.IrTypeOf(type.Params[i]), TrapCode.None, args, i * ValueSlot.Size);
        }
        var sig = f.ImportSignature(CallingConvention.WasmSignature(type));
        var call = ins.CallIndirect(sig, code, callArgs);
        int results = f.Dfg.Results(call).Length;
        for (int i = 0; i < results; i++)
        {
            ins.Store(TrapCode.None, f.Dfg.Results(call)[i], args, i * ValueSlot.Size);
        }
        ins.Return();
        b.Finish();
        return f;
    }

    /// <summary>
    /// Wasm → host, with the wasm type's own signature (so it can sit in an import slot or a VMFuncRef):
    /// spills the arguments to a slot array in its frame, calls the dispatcher of the
    /// <see cref="VMHostFuncContext"/> it got as vmctx with (host context, array, slot count), traps with
    /// host_error on a non-zero status, and returns the results the dispatcher left in the array.
    /// </summary>
    public static Function WasmToHost(string name, FuncType type)
    {
        var f = new Function(name, CallingConvention.WasmSignature(type));
        var b = new FunctionBuilder(f);
        var entry = Entry(b);
        var ctx = f.Dfg.BlockParams(entry)[0];
        int slots = Math.Max(1, Math.Max(type.Params.Length, type.Results.Length));
        var area = f.CreateStackSlot(slots * ValueSlot.Size, ValueSlot.Size);
        var ins = b.Ins();
        var array = ins.StackAddr(area);
        for (int i = 0; i < type.Params.Length; i++)
        {
            ins.Store(TrapCode.None, f.Dfg.BlockParams(entry)[i + 1], array, i * ValueSlot.Size);
        }
        var dispatcher = ins.Load(IrType.IPtr, TrapCode.None, ctx, VMHostFuncContext.Dispatcher);
        var hostContext = ins.Load(IrType.IPtr, TrapCode.None, ctx, VMHostFuncContext.HostContext);
        var sig = f.ImportSignature(CallingConvention.HostDispatcher);
        var call = ins.CallIndirect(sig, dispatcher, hostContext, array, ins.Iconst(IrType.I32, slots));
        ins.Trapnz(f.Dfg.FirstResult(call), WasmTrap.HostError.Code());
        var results = new Value[type.Results.Length];
        for (int i = 0; i < results.Length; i++)
        {
            results[i] = ins.Load(CallingConvention.IrTypeOf(type.Results[i]), TrapCode.None, array, i * ValueSlot.Size);
        }
        ins.Return(results);
        b.Finish();
        return f;
    }

    private static Block Entry(FunctionBuilder b)
    {
        var entry = b.CreateBlock();
        b.AppendParamsFromSignature(entry);
        b.SwitchToBlock(entry);
        b.SealBlock(entry);
        return entry;
    }
}
