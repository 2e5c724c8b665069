using Kiln.Compiler.Traps;
using Kiln.Compiler.VmContext;
using Kiln.IR;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.Compiler.Translate;

/// <summary>
/// Exception handling (try_table, throw, throw_ref) with zero-cost unwinding. Nothing is emitted when a try_table
/// is entered. Each call inside one with catch clauses ends its IR block with <c>jump_unwind</c>, whose second
/// successor is the try_table's landing block: the backend records the call's return address and that block as a
/// landing site, and clobbers every register on the edge. A throw creates the exception in the store and calls
/// the runtime's unwinder, which resumes at the nearest landing site up the stack. The landing block takes the
/// exception, tests the catch clauses in order (tags by identity, in the runtime) and branches like <c>br</c>; when
/// none matches it throws the exception on, to the enclosing landing block or the caller.
/// </summary>
public sealed partial class FunctionTranslator
{
    /// <summary>The innermost open try_table frame with catch clauses, or -1.</summary>
    private int landingFrame = -1;
    private CatchClause[] catches = new CatchClause[8];
    private int catchCount;

    private void BeginTryTable(in Instruction ins, ref InstructionReader reader)
    {
        var (ps, rs) = BlockTypes(ins.BlockType);
        int n = ins.CatchCount;
        if (catchCount + n > catches.Length)
        {
            Array.Resize(ref catches, Math.Max(catches.Length * 2, catchCount + n));
        }
        reader.ReadCatchClauses(in ins, catches.AsSpan(catchCount, n));
        ref var f = ref PushFrame(FrameKind.TryTable, ps, rs);
        f.CatchStart = catchCount;
        f.CatchCount = n;
        f.OuterLandingFrame = landingFrame;
        catchCount += n;
        if (n > 0)
        {
            f.Landing = b.CreateBlock();
            landingFrame = frameCount - 1;
        }
    }

    /// <summary>After a call: when a try_table with catch clauses encloses it, the call may unwind to its landing
    /// block, and the code after the call continues in a new block.</summary>
    private void AfterCallMayUnwind()
    {
        if (landingFrame < 0)
        {
            return;
        }
        ref var f = ref frames[landingFrame];
        f.LandingUses++;
        var next = b.CreateBlock();
        b.Ins().JumpUnwind(next, [], f.Landing);
        b.SealBlock(next);
        b.SwitchToBlock(next);
    }

    /// <summary>Called once try_table frame <paramref name="index"/> (just popped) has ended: its landing code,
    /// which runs in the frames around the try_table, where its catch labels point.</summary>
    private void EndTryTable(int index)
    {
        var f = frames[index];
        landingFrame = f.OuterLandingFrame;
        catchCount = f.CatchStart;
        if (!f.Landing.IsValid)
        {
            return;
        }
        b.SealBlock(f.Landing); // every call inside the try_table is known now
        if (f.LandingUses == 0)
        {
            return; // nothing inside can unwind: the block never enters the layout
        }
        var resume = b.CurrentBlock;
        bool wasReachable = reachable;
        b.SwitchToBlock(f.Landing);
        EmitCatchDispatch(f.CatchStart, f.CatchCount);
        reachable = wasReachable; // the dispatch ends in a throw, which is not where the body goes on
        if (resume.IsValid)
        {
            b.SwitchToBlock(resume);
        }
    }

    private void EmitCatchDispatch(int start, int count)
    {
        var exn = CallBuiltin(Builtin.ExnCaught, [vmctx]);
        for (int k = 0; k < count; k++)
        {
            var c = catches[start + k];
            ref var target = ref frames[frameCount - 1 - (int)c.Label];
            var dest = BranchTarget(ref target, out _);
            if (!c.HasTag)
            {
                b.Ins().Jump(dest, c.PassesRef ? [exn] : []);
                return; // catch_all takes everything: later clauses are unreachable
            }
            var matches = CallBuiltin(Builtin.ExnMatches, [vmctx, exn, I32(c.Tag)]);
            var yes = b.CreateBlock();
            var no = b.CreateBlock();
            b.Ins().Brif(matches, yes, no);
            b.SealBlock(yes);
            b.SealBlock(no);
            b.SwitchToBlock(yes);
            var payload = LoadPayload(exn, c.Tag, c.PassesRef);
            b.Ins().Jump(dest, payload);
            b.SwitchToBlock(no);
        }
        // No clause matched: the exception goes on to the enclosing landing block or out of the function.
        ThrowExn(exn);
    }

    /// <summary>The tag's payload values (plus the exnref when <paramref name="withRef"/>), read from the
    /// exception through an 8-byte-slot buffer in the frame.</summary>
    private Value[] LoadPayload(Value exn, uint tag, bool withRef)
    {
        var types = TagParams(tag);
        var values = new Value[types.Length + (withRef ? 1 : 0)];
        if (types.Length > 0)
        {
            var buffer = b.Ins().StackAddr(func.CreateStackSlot(types.Length * 8, 8));
            CallBuiltin(Builtin.ExnPayload, [vmctx, exn, buffer]);
            for (int i = 0; i < types.Length; i++)
            {
                values[i] = b.Ins().Load(CallingConvention.IrTypeOf(types[i]), TrapCode.None, buffer, i * 8);
            }
        }
        if (withRef)
        {
            values[^1] = exn;
        }
        return values;
    }

    private void Throw(uint tag)
    {
        var types = TagParams(tag);
        int n = types.Length;
        Value buffer;
        if (n > 0)
        {
            buffer = b.Ins().StackAddr(func.CreateStackSlot(n * 8, 8));
            var values = Top(n);
            for (int i = 0; i < n; i++)
            {
                b.Ins().Store(TrapCode.None, values[i], buffer, i * 8);
            }
        }
        else
        {
            buffer = b.Ins().Iconst(IrType.IPtr, 0);
        }
        sp -= n;
        var exn = CallBuiltin(Builtin.ExnNew, [vmctx, I32(tag), buffer]);
        // 0 means the runtime failed to make the exception (its error is pending): trap with it, never throw null.
        b.Ins().Trapz(exn, WasmTrap.HostError.Code());
        ThrowExn(exn);
    }

    private void ThrowRef()
    {
        var exn = Pop();
        b.Ins().Trapz(exn, WasmTrap.NullReference.Code());
        ThrowExn(exn);
    }

    /// <summary>Hands <paramref name="exn"/> to the unwinder; what follows is unreachable.</summary>
    private void ThrowExn(Value exn)
    {
        CallBuiltin(Builtin.ExnThrow, [vmctx, exn]);
        AfterCallMayUnwind();
        b.Ins().Trap(TrapCode.Unreachable);
        reachable = false;
    }

    private ValType[] TagParams(uint tag) => module.Types[(int)module.TagTypeIndex(tag)].Params;
}
