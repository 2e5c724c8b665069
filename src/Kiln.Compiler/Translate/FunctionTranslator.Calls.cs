using Kiln.Compiler.VmContext;
using Kiln.IR;
using Kiln.Compiler.Traps;

namespace Kiln.Compiler.Translate;

/// <summary>Direct calls, calls to imports and call_indirect.</summary>
public sealed partial class FunctionTranslator
{
    private void TranslateCall(uint callee)
    {
        uint typeIndex = env.FunctionTypes[callee];
        var type = module.Types[(int)typeIndex];
        int n = type.Params.Length;
        Inst call;
        if (callee < (uint)module.ImportedFunctionCount)
        {
            // Through the import slot: its code and the vmctx it wants (another instance's, or a host context).
            int slot = layout.ImportedFunctionOffset(callee);
            var code = b.Ins().Load(IrType.IPtr, TrapCode.None, vmctx, slot + VMImportedFunction.Code);
            var calleeVmctx = b.Ins().Load(IrType.IPtr, TrapCode.None, vmctx, slot + VMImportedFunction.Vmctx);
            call = b.Ins().CallIndirect(TypeSig(typeIndex), code, ArgsWithVmctx(calleeVmctx, n));
        }
        else
        {
            if (!funcRefs.TryGet(callee, out var fref))
            {
                fref = func.ImportFunction(FunctionNames.Wasm(callee), TypeSig(typeIndex));
                funcRefs.Set(callee, fref);
            }
            call = b.Ins().Call(fref, ArgsWithVmctx(vmctx, n));
        }
        sp -= n;
        AfterCallMayUnwind();
        PushResults(call);
    }

    /// <summary>
    /// Bounds check against the table's current length (table_out_of_bounds), null check
    /// (indirect_call_to_null), then the callee's canonical type id against this module's id for the
    /// expected type (bad_signature), then a call through the VMFuncRef's code with its vmctx.
    /// </summary>
    private void TranslateCallIndirect(uint typeIndex, uint table)
    {
        var index = Pop();
        var sig = TypeSig(typeIndex);
        int n = module.Types[(int)typeIndex].Params.Length;
        var ins = b.Ins();
        var slot = TableElementAddress(table, index);
        var funcref = ins.Load(IrType.IPtr, TrapCode.None, slot, 0);
        ins.Trapz(funcref, WasmTrap.IndirectCallToNull.Code());
        var expected = ins.Load(IrType.I32, TrapCode.None, TypeIds(), (long)typeIndex * 4);
        var actual = ins.Load(IrType.I32, TrapCode.None, funcref, VMFuncRef.TypeId);
        ins.Trapnz(ins.Icmp(IntCC.Ne, actual, expected), WasmTrap.BadSignature.Code());
        var code = ins.Load(IrType.IPtr, TrapCode.None, funcref, VMFuncRef.Code);
        var calleeVmctx = ins.Load(IrType.IPtr, TrapCode.None, funcref, VMFuncRef.Vmctx);
        var call = ins.CallIndirect(sig, code, ArgsWithVmctx(calleeVmctx, n));
        sp -= n;
        AfterCallMayUnwind();
        PushResults(call);
    }

    /// <summary>The callee vmctx followed by the top <paramref name="n"/> operands, in a reused buffer.</summary>
    private ReadOnlySpan<Value> ArgsWithVmctx(Value calleeVmctx, int n)
    {
        if (scratch.Length < n + 1)
        {
            scratch = new Value[Math.Max(n + 1, scratch.Length * 2)];
        }
        scratch[0] = calleeVmctx;
        Top(n).CopyTo(scratch.AsSpan(1));
        return scratch.AsSpan(0, n + 1);
    }

    private void PushResults(Inst call)
    {
        int count = func.Dfg.Results(call).Length;
        for (int i = 0; i < count; i++)
        {
            Push(func.Dfg.Results(call)[i]);
        }
    }
}
