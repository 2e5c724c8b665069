using Kiln.Compiler.Driver;
using Kiln.Compiler.VmContext;
using Kiln.IR;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;
using W = Kiln.Wasm.Instructions.Opcode;

namespace Kiln.Compiler.Translate;

/// <summary>Structured control flow: blocks, loops, if/else, branches, return, and skipping dead code.</summary>
public sealed partial class FunctionTranslator
{
    private void TranslateControl(in Instruction ins, ref InstructionReader reader)
    {
        switch (ins.Opcode)
        {
            case W.Block:
                {
                    var (ps, rs) = BlockTypes(ins.BlockType);
                    PushFrame(FrameKind.Block, ps, rs);
                    break;
                }
            case W.Loop:
                {
                    var (ps, rs) = BlockTypes(ins.BlockType);
                    var header = b.CreateBlock();
                    foreach (var t in ps)
                    {
                        b.AppendBlockParam(header, CallingConvention.IrTypeOf(t));
                    }
                    b.Ins().Jump(header, Top(ps.Length));
                    b.SwitchToBlock(header);
                    sp -= ps.Length;
                    foreach (var p in func.Dfg.BlockParams(header))
                    {
                        Push(p);
                    }
                    ref var f = ref PushFrame(FrameKind.Loop, ps, rs);
                    f.Header = header;
                    break;
                }
            case W.If:
                {
                    var cond = Pop();
                    var (ps, rs) = BlockTypes(ins.BlockType);
                    var then = b.CreateBlock();
                    var @else = b.CreateBlock();
                    b.Ins().Brif(cond, then, @else);
                    b.SealBlock(then);
                    b.SealBlock(@else);
                    int savedStart = SaveTop(ps.Length);
                    b.SwitchToBlock(then);
                    ref var f = ref PushFrame(FrameKind.If, ps, rs);
                    f.ElseBlock = @else;
                    f.SavedStart = savedStart;
                    break;
                }
            case W.Else:
                EnterElse(ref frames[frameCount - 1]);
                break;
            case W.End:
                End();
                break;
            case W.Br:
                {
                    ref var f = ref frames[frameCount - 1 - (int)ins.Index];
                    var target = BranchTarget(ref f, out int arity);
                    b.Ins().Jump(target, Top(arity));
                    reachable = false;
                    break;
                }
            case W.BrIf:
                {
                    var cond = Pop();
                    ref var f = ref frames[frameCount - 1 - (int)ins.Index];
                    var target = BranchTarget(ref f, out int arity);
                    var next = b.CreateBlock();
                    b.Ins().Brif(cond, target, Top(arity), next, []);
                    b.SealBlock(next);
                    b.SwitchToBlock(next);
                    break;
                }
            case W.BrTable:
                BrTable(in ins, ref reader);
                break;
            case W.Return:
                {
                    int n = frames[0].Results.Length;
                    b.Ins().Return(Top(n));
                    reachable = false;
                    break;
                }
        }
    }

    private void BrTable(in Instruction ins, ref InstructionReader reader)
    {
        var index = Pop();
        int count = ins.BrTableCount;
        if (brTargets.Length < count)
        {
            brTargets = new uint[Math.Max(count, brTargets.Length * 2)];
        }
        reader.ReadBrTableTargets(in ins, brTargets);

        // Make every target block exist first (creating a join block appends its params), then emit one
        // br_table whose edges all carry the same top-of-stack values.
        ref var df = ref frames[frameCount - 1 - (int)ins.BrTableDefault];
        var defaultBlock = BranchTarget(ref df, out int arity);
        for (int i = 0; i < count; i++)
        {
            BranchTarget(ref frames[frameCount - 1 - (int)brTargets[i]], out _);
        }
        var builder = b.Ins();
        var inst = builder.Start(Kiln.IR.Opcode.BrTable, IrType.Invalid, [index]);
        var args = Top(arity);
        func.Dfg.AddBlockCall(inst, defaultBlock, args);
        for (int i = 0; i < count; i++)
        {
            var target = BranchTarget(ref frames[frameCount - 1 - (int)brTargets[i]], out _);
            func.Dfg.AddBlockCall(inst, target, args);
        }
        builder.Finish(inst);
        reachable = false;
    }

    /// <summary>Where a branch to frame <paramref name="f"/> goes, and how many values it carries.</summary>
    private Block BranchTarget(ref ControlFrame f, out int arity)
    {
        if (f.Kind == FrameKind.Loop)
        {
            arity = f.Params.Length;
            return f.Header;
        }
        arity = f.Results.Length;
        return EnsureDest(ref f);
    }

    private Block EnsureDest(ref ControlFrame f)
    {
        if (!f.Dest.IsValid)
        {
            f.Dest = b.CreateBlock();
            foreach (var t in f.Results)
            {
                b.AppendBlockParam(f.Dest, CallingConvention.IrTypeOf(t));
            }
        }
        return f.Dest;
    }

    private void EnterElse(ref ControlFrame f)
    {
        if (f.Kind == FrameKind.Dead)
        {
            return;
        }
        if (reachable)
        {
            b.Ins().Jump(EnsureDest(ref f), Top(f.Results.Length));
        }
        sp = f.Height;
        RestoreSaved(f.SavedStart, f.Params.Length);
        b.SwitchToBlock(f.ElseBlock);
        f.Kind = FrameKind.Else;
        reachable = true;
    }

    private void End()
    {
        ref var f = ref frames[frameCount - 1];
        switch (f.Kind)
        {
            case FrameKind.Dead:
                frameCount--;
                return;
            case FrameKind.If:
                // No else: the false edge passes the parameters through (validation made them the results).
                if (reachable)
                {
                    b.Ins().Jump(EnsureDest(ref f), Top(f.Results.Length));
                }
                sp = f.Height;
                RestoreSaved(f.SavedStart, f.Params.Length);
                b.SwitchToBlock(f.ElseBlock);
                reachable = true;
                break;
            case FrameKind.Loop:
                b.SealBlock(f.Header); // every back edge is known now
                break;
        }

        if (f.Dest.IsValid)
        {
            if (reachable)
            {
                b.Ins().Jump(f.Dest, Top(f.Results.Length));
            }
            sp = f.Height;
            b.SwitchToBlock(f.Dest);
            b.SealBlock(f.Dest);
            foreach (var p in func.Dfg.BlockParams(f.Dest))
            {
                Push(p);
            }
            reachable = true;
        }
        else if (reachable)
        {
            // Nobody branched out: the results are already on the stack, keep going in the same block.
            sp = f.Height + f.Results.Length;
        }
        else
        {
            sp = f.Height;
        }
        if (f.Kind is FrameKind.If or FrameKind.Else)
        {
            savedCount = f.SavedStart;
        }
        bool isFunction = f.Kind == FrameKind.Function;
        int results = f.Results.Length;
        frameCount--;
        if (frames[frameCount].Kind == FrameKind.TryTable)
        {
            EndTryTable(frameCount);
        }
        if (isFunction && reachable)
        {
            b.Ins().Return(Top(results));
            reachable = false;
        }
    }

    /// <summary>In dead code only nesting matters: frames opened there are dead, their ends pop them,
    /// and the else or end of a live frame makes code reachable again.</summary>
    private void Skip(in Instruction ins)
    {
        switch (ins.Opcode)
        {
            case W.Block:
            case W.Loop:
            case W.If:
            case W.TryTable:
                PushFrame(FrameKind.Dead, NoTypes, NoTypes);
                break;
            case W.Else:
                EnterElse(ref frames[frameCount - 1]);
                break;
            case W.End:
                End();
                break;
            default:
                if ((ushort)ins.Opcode >= 0x200)
                {
                    throw new SimdNotSupportedException($"{ins.Info.Name} at offset 0x{ins.Offset:x}");
                }
                break;
        }
    }

    private ref ControlFrame PushFrame(FrameKind kind, ValType[] ps, ValType[] rs)
    {
        if (frameCount == frames.Length)
        {
            Array.Resize(ref frames, frames.Length * 2);
        }
        ref var f = ref frames[frameCount++];
        f = default;
        f.Kind = kind;
        f.Params = ps;
        f.Results = rs;
        f.Dest = Block.None;
        f.Header = Block.None;
        f.ElseBlock = Block.None;
        f.Landing = Block.None;
        f.Height = kind == FrameKind.Dead ? sp : sp - ps.Length;
        return ref f;
    }

    private int SaveTop(int n)
    {
        int start = savedCount;
        if (savedCount + n > saved.Length)
        {
            Array.Resize(ref saved, Math.Max(saved.Length * 2, savedCount + n));
        }
        Top(n).CopyTo(saved.AsSpan(savedCount));
        savedCount += n;
        return start;
    }

    private void RestoreSaved(int start, int n)
    {
        for (int i = 0; i < n; i++)
        {
            Push(saved[start + i]);
        }
    }

    private (ValType[] Params, ValType[] Results) BlockTypes(BlockType bt)
    {
        if (bt.IsEmpty)
        {
            return (NoTypes, NoTypes);
        }
        if (bt.IsValType)
        {
            if (bt.ValType == ValType.V128)
            {
                throw new SimdNotSupportedException("a v128 block type");
            }
            return (NoTypes, SingleTypes[(byte)bt.ValType]);
        }
        var t = module.Types[(int)bt.TypeIndex];
        return (t.Params, t.Results);
    }
}
