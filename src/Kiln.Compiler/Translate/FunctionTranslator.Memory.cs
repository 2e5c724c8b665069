using Kiln.Compiler.VmContext;
using Kiln.IR;
using Kiln.Wasm.Instructions;

namespace Kiln.Compiler.Translate;

/// <summary>Linear memory and globals.</summary>
public sealed partial class FunctionTranslator
{
    /// <summary>
    /// base + zero-extended index, with the static offset as the access's immediate. No bounds check: a
    /// 32-bit memory is a never-moving reservation followed by a guard big enough for any u32 index plus
    /// u32 offset (<see cref="VmContextLayout.MemoryGuard"/>), so an out-of-bounds access faults and the
    /// trap table maps the faulting instruction to heap_out_of_bounds.
    /// </summary>
    private void TranslateMemoryAccess(in Instruction ins, in MemoryOp mem)
    {
        uint memory = ins.MemoryIndex;
        long offset = (long)ins.MemOffset;
        if (mem.IsLoad)
        {
            var addr = Address(memory, Pop());
            Push(b.Ins().Load(mem.Op, mem.Type, TrapCode.HeapOutOfBounds, addr, offset));
        }
        else
        {
            var value = Pop();
            var addr = Address(memory, Pop());
            b.Ins().Store(mem.Op, TrapCode.HeapOutOfBounds, value, addr, offset);
        }
    }

    private Value Address(uint memory, Value index)
    {
        var ins = b.Ins();
        return ins.Iadd(MemoryBase(memory), ins.Uextend(IrType.IPtr, index));
    }

    /// <summary>
    /// <c>memory.copy</c>: both ranges checked inline against the memories' current lengths (64-bit sums: a u32
    /// index plus a u32 length cannot wrap), trapping before anything is copied, then a native memmove through
    /// <see cref="Builtin.MemoryMove"/>: no managed transition and no instance lookup per copy (fused adapters copy
    /// every string and list crossing between components this way, from one memory to another).
    /// </summary>
    private void MemoryCopy(uint dstMemory, uint srcMemory, Value dst, Value src, Value n)
    {
        var len = b.Ins().Uextend(IrType.IPtr, n);
        TrapUnlessInBounds(dstMemory, dst, len);
        TrapUnlessInBounds(srcMemory, src, len);
        CallBuiltin(Builtin.MemoryMove, [vmctx, Address(dstMemory, dst), Address(srcMemory, src), len]);
    }

    private void TrapUnlessInBounds(uint memory, Value index, Value len)
    {
        var ins = b.Ins();
        var end = ins.Iadd(ins.Uextend(IrType.IPtr, index), len);
        var bytes = ins.Load(IrType.IPtr, TrapCode.None, MemoryDefinition(memory), VMMemoryDefinition.LengthInBytes);
        ins.Trapnz(ins.Icmp(IntCC.Ugt, end, bytes), TrapCode.HeapOutOfBounds);
    }

    private void MemorySize(uint memory)
    {
        var ins = b.Ins();
        var bytes = ins.Load(IrType.IPtr, TrapCode.None, MemoryDefinition(memory), VMMemoryDefinition.LengthInBytes);
        var pages = ins.Ushr(bytes, ins.Iconst(IrType.IPtr, 16));
        Push(ins.Ireduce(IrType.I32, pages));
    }

    private void GlobalGet(uint global)
    {
        var type = CallingConvention.IrTypeOf(module.GlobalAt(global).ValueType);
        var (slot, offset) = GlobalSlot(global);
        Push(b.Ins().Load(type, TrapCode.None, slot, offset));
    }

    private void GlobalSet(uint global)
    {
        var value = Pop();
        var (slot, offset) = GlobalSlot(global);
        b.Ins().Store(TrapCode.None, value, slot, offset);
    }

    /// <summary>A defined global's slot is inline in the vmctx; an imported one's is behind a pointer.</summary>
    private (Value Base, int Offset) GlobalSlot(uint global) =>
        layout.IsGlobalImported(global) ? (ImportedGlobalSlot(global), 0) : (vmctx, layout.GlobalOffset(global));
}
