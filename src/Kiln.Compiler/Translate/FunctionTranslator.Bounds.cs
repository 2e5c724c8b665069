using Kiln.Compiler.VmContext;
using Kiln.Compiler.Traps;
using Kiln.IR;
using W = Kiln.Wasm.Instructions.Opcode;

namespace Kiln.Compiler.Translate;

/// <summary>
/// Bounding a guest, as Wasmtime does: fuel and epoch checks, compiled in only when the environment asks.
/// <para>
/// Fuel: every executed wasm operator costs 1 except the ones that compile to nothing or only move control
/// (nop, drop, block, loop, else, end, unreachable, return). Costs add up per straight-line run and are
/// flushed into <see cref="VMStoreContext.FuelConsumed"/> before any instruction that leaves the run (a
/// branch, a call: so a host function reads an exact count, an <c>if</c>, an <c>end</c>, a loop header); the
/// count is compared with 0 at function entry and at every loop header, which every unbounded execution
/// passes. The counter lives in memory, not in a register, so nothing needs saving around calls.
/// </para>
/// <para>
/// Epochs: at the same two places, the engine's epoch (read through <see cref="VMStoreContext.EpochCounter"/>,
/// bumped by another thread) is compared with the store's <see cref="VMStoreContext.EpochDeadline"/>.
/// </para>
/// </summary>
public sealed partial class FunctionTranslator
{
    private long pendingFuel;
    private Value storeContext;

    private Value StoreContext()
    {
        if (!storeContext.IsValid)
        {
            storeContext = LoadFromVmctx(VmContextLayout.StoreContextOffset);
        }
        return storeContext;
    }

    /// <summary>Counts <paramref name="op"/>'s cost, flushing the run's total first when <paramref name="op"/> ends it.</summary>
    private void ChargeFuel(W op)
    {
        if (FuelCost(op) != 0)
        {
            pendingFuel++;
        }
        if (EndsStraightLineRun(op))
        {
            FlushFuel();
        }
    }

    private static int FuelCost(W op) => op is W.Nop or W.Drop or W.Block or W.Loop or W.Else or W.End or W.Unreachable or W.Return ? 0 : 1;

    private static bool EndsStraightLineRun(W op) =>
        op is W.Loop or W.If or W.Else or W.End or W.Br or W.BrIf or W.BrTable or W.Return or W.Call or W.CallIndirect
            or W.Throw or W.ThrowRef; // a throw leaves the run: charge it here, not to the next reachable run

    private void FlushFuel()
    {
        if (pendingFuel == 0)
        {
            return;
        }
        var sc = StoreContext();
        var consumed = b.Ins().Load(IrType.I64, TrapCode.None, sc, VMStoreContext.FuelConsumed);
        var sum = b.Ins().Iadd(consumed, b.Ins().Iconst(IrType.I64, pendingFuel));
        b.Ins().Store(TrapCode.None, sum, sc, VMStoreContext.FuelConsumed);
        pendingFuel = 0;
    }

    /// <summary>At function entry and loop headers: trap when the fuel is gone or the epoch deadline has come.</summary>
    private void CheckBounds()
    {
        if (env.ConsumeFuel)
        {
            var sc = StoreContext();
            var consumed = b.Ins().Load(IrType.I64, TrapCode.None, sc, VMStoreContext.FuelConsumed);
            var gone = b.Ins().Icmp(IntCC.Sge, consumed, b.Ins().Iconst(IrType.I64, 0));
            b.Ins().Trapnz(gone, WasmTrap.OutOfFuel.Code());
        }
        if (env.EpochInterruption)
        {
            var sc = StoreContext();
            var counter = b.Ins().Load(IrType.IPtr, TrapCode.None, sc, VMStoreContext.EpochCounter);
            var epoch = b.Ins().Load(IrType.I64, TrapCode.None, counter, 0);
            var deadline = b.Ins().Load(IrType.I64, TrapCode.None, sc, VMStoreContext.EpochDeadline);
            var reached = b.Ins().Icmp(IntCC.Uge, epoch, deadline);
            b.Ins().Trapnz(reached, WasmTrap.Interrupt.Code());
        }
    }
}
