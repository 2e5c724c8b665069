using Kiln.Compiler.Driver;
using Kiln.Compiler.VmContext;
using Kiln.IR;
using Kiln.IR.Building;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;
using W = Kiln.Wasm.Instructions.Opcode;

namespace Kiln.Compiler.Translate;

/// <summary>
/// Translates one validated wasm function body into an IR <see cref="Function"/> in a single streaming pass
/// over the encoded instructions. Locals are SSA variables of the <see cref="FunctionBuilder"/> (Braun et al.);
/// operands live on a stack of IR values; wasm blocks become IR blocks with parameters for their results.
/// Code after <c>br</c>, <c>br_table</c>, <c>return</c> or <c>unreachable</c> is skipped until the
/// enclosing frame ends (only nesting is tracked there), so no operand types are needed for dead code.
/// <para>
/// The input must have passed <see cref="Kiln.Wasm.Validation.ModuleValidator"/>. One instance per thread:
/// its stacks and caches are reused from function to function; nothing is allocated per instruction.
/// Each IR instruction records the byte offset of the wasm instruction it came from in
/// <see cref="Function.SourceLocs"/>.
/// </para>
/// </summary>
public sealed partial class FunctionTranslator
{
    private static readonly ValType[] NoTypes = [];
    private static readonly ValType[][] SingleTypes = BuildSingleTypes();

    private readonly ModuleEnvironment env;
    private readonly WasmModule module;
    private readonly VmContextLayout layout;

    private Value[] stack = new Value[64];
    private int sp;
    private ControlFrame[] frames = new ControlFrame[16];
    private int frameCount;
    private Value[] saved = new Value[16];
    private int savedCount;
    private Value[] scratch = new Value[16];
    private uint[] brTargets = new uint[16];

    private readonly StampedCache<Value> memDefs = new();
    private readonly StampedCache<Value> memBases = new();
    private readonly StampedCache<Value> tableDefs = new();
    private readonly StampedCache<Value> globalPtrs = new();
    private readonly StampedCache<SigRef> typeSigs = new();
    private readonly StampedCache<FuncRef> funcRefs = new();
    private readonly StampedCache<SigRef> builtinSigs = new();
    private Value builtinsTable;
    private Value typeIds;

    private Function func = null!;
    private FunctionBuilder b = null!;
    private Value vmctx;
    private bool reachable;

    public FunctionTranslator(ModuleEnvironment environment)
    {
        env = environment;
        module = environment.Module;
        layout = environment.Layout;
    }

    /// <summary>Checked every <see cref="CompileBudget.TranslatorCheckpointInterval"/> instructions, if set.</summary>
    public CompileBudget? Budget { get; init; }

    /// <summary>Translates defined function <paramref name="funcIndex"/> (function index space).</summary>
    public Function Translate(uint funcIndex)
    {
        long defined = (long)funcIndex - module.ImportedFunctionCount;
        if (defined < 0 || defined >= module.Codes.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(funcIndex), funcIndex, "not a defined function");
        }
        var body = module.Codes[(int)defined];
        uint typeIndex = env.FunctionTypes[funcIndex];
        var type = module.Types[(int)typeIndex];
        func = new Function(FunctionNames.Wasm(funcIndex), env.TypeSignature(typeIndex)) { StackLimit = env.StackLimit };
        b = new FunctionBuilder(func);
        ResetState();

        var entry = b.CreateBlock();
        b.AppendParamsFromSignature(entry);
        b.SwitchToBlock(entry);
        b.SealBlock(entry);
        var ps = func.Dfg.BlockParams(entry);
        vmctx = ps[0];
        for (int i = 0; i < type.Params.Length; i++)
        {
            b.DefVar(b.DeclareVar(CallingConvention.IrTypeOf(type.Params[i])), func.Dfg.BlockParams(entry)[i + 1]);
        }
        // Declared locals are never defined up front: a read before any write finds no definition, and the
        // builder answers with a zero of the type, which is wasm's initial value.
        foreach (var g in body.Locals)
        {
            var t = CallingConvention.IrTypeOf(g.Type);
            for (uint i = 0; i < g.Count; i++)
            {
                b.DeclareVar(t);
            }
        }

        PushFrame(FrameKind.Function, NoTypes, type.Results);
        reachable = true;
        bool bounded = env.ConsumeFuel || env.EpochInterruption;
        if (bounded)
        {
            CheckBounds();
        }
        var reader = new InstructionReader(body.Code.Span, body.CodeOffset);
        int untilCheckpoint = CompileBudget.TranslatorCheckpointInterval;
        while (!reader.AtEnd)
        {
            var ins = reader.Read();
            if (--untilCheckpoint == 0 && Budget is not null)
            {
                untilCheckpoint = CompileBudget.TranslatorCheckpointInterval;
                Budget.Checkpoint();
            }
            int before = func.Dfg.InstCount;
            if (reachable)
            {
                if (env.ConsumeFuel)
                {
                    ChargeFuel(ins.Opcode);
                }
                Translate(in ins, ref reader);
                if (bounded && ins.Opcode == W.Loop)
                {
                    CheckBounds(); // in the loop header, which every iteration passes
                }
            }
            else
            {
                Skip(in ins);
            }
            func.SourceLocs.SetRange(before, func.Dfg.InstCount, ins.Offset);
        }
        if (frameCount != 0)
        {
            throw new InvalidOperationException($"function {funcIndex}: body ended inside a block (not validated?)");
        }
        b.Finish();
        var result = func;
        func = null!;
        b = null!;
        return result;
    }

    private void ResetState()
    {
        sp = 0;
        frameCount = 0;
        savedCount = 0;
        memDefs.Reset(layout.MemoryCount);
        memBases.Reset(layout.MemoryCount);
        tableDefs.Reset(layout.TableCount);
        globalPtrs.Reset(layout.GlobalCount);
        typeSigs.Reset(module.Types.Count);
        funcRefs.Reset(layout.FunctionCount);
        builtinSigs.Reset(BuiltinSignatures.Count);
        builtinsTable = Value.None;
        typeIds = Value.None;
        landingFrame = -1;
        catchCount = 0;
        storeContext = Value.None;
        pendingFuel = 0;
    }

    private void Translate(in Instruction ins, ref InstructionReader reader)
    {
        var op = ins.Opcode;
        if ((ushort)op >= 0x200)
        {
            throw new SimdNotSupportedException($"{ins.Info.Name} at offset 0x{ins.Offset:x}");
        }
        ref readonly var num = ref NumericOps.Of(op);
        if (num.Kind != NumericKind.None)
        {
            TranslateNumeric(in num);
            return;
        }
        if ((ushort)op < 0x40)
        {
            ref readonly var mem = ref MemoryOps.Of(op);
            if (mem.IsLoad || mem.IsStore)
            {
                TranslateMemoryAccess(in ins, in mem);
                return;
            }
        }
        switch (op)
        {
            case W.Unreachable:
                b.Ins().Trap(TrapCode.Unreachable);
                reachable = false;
                break;
            case W.Nop:
                break;
            case W.Block:
            case W.Loop:
            case W.If:
            case W.Else:
            case W.End:
            case W.Br:
            case W.BrIf:
            case W.BrTable:
            case W.Return:
                TranslateControl(in ins, ref reader);
                break;
            case W.Call:
                TranslateCall(ins.Index);
                break;
            case W.TryTable:
                BeginTryTable(in ins, ref reader);
                break;
            case W.Throw:
                Throw(ins.Index);
                break;
            case W.ThrowRef:
                ThrowRef();
                break;
            case W.CallIndirect:
                TranslateCallIndirect(ins.Index, ins.Index2);
                break;
            case W.Drop:
                sp--;
                break;
            case W.Select:
            case W.SelectTyped:
                {
                    var cond = Pop();
                    var no = Pop();
                    var yes = Pop();
                    Push(b.Ins().Select(cond, yes, no));
                    break;
                }
            case W.LocalGet:
                Push(b.UseVar(new Variable((int)ins.Index)));
                break;
            case W.LocalSet:
                b.DefVar(new Variable((int)ins.Index), Pop());
                break;
            case W.LocalTee:
                b.DefVar(new Variable((int)ins.Index), Peek(0));
                break;
            case W.GlobalGet:
                GlobalGet(ins.Index);
                break;
            case W.GlobalSet:
                GlobalSet(ins.Index);
                break;
            case W.I32Const:
                Push(b.Ins().Iconst(IrType.I32, ins.I32));
                break;
            case W.I64Const:
                Push(b.Ins().Iconst(IrType.I64, ins.I64));
                break;
            case W.F32Const:
                Push(Fconst(IrType.F32, ins.F32Bits));
                break;
            case W.F64Const:
                Push(Fconst(IrType.F64, (long)ins.F64Bits));
                break;
            case W.MemorySize:
                MemorySize(ins.Index);
                break;
            case W.MemoryGrow:
                {
                    var delta = Pop();
                    Push(CallBuiltin(Builtin.MemoryGrow, [vmctx, I32(ins.Index), delta]));
                    break;
                }
            case W.MemoryFill:
                {
                    var n = Pop();
                    var val = Pop();
                    var dst = Pop();
                    CallBuiltin(Builtin.MemoryFill, [vmctx, I32(ins.Index), dst, val, n]);
                    break;
                }
            case W.MemoryCopy:
                {
                    var n = Pop();
                    var src = Pop();
                    var dst = Pop();
                    MemoryCopy(ins.Index, ins.Index2, dst, src, n);
                    break;
                }
            case W.MemoryInit:
                {
                    var n = Pop();
                    var src = Pop();
                    var dst = Pop();
                    CallBuiltin(Builtin.MemoryInit, [vmctx, I32(ins.Index2), I32(ins.Index), dst, src, n]);
                    break;
                }
            case W.DataDrop:
                CallBuiltin(Builtin.DataDrop, [vmctx, I32(ins.Index)]);
                break;
            case W.RefNull:
                Push(b.Ins().Iconst(IrType.IPtr, 0));
                break;
            case W.RefIsNull:
                Push(b.Ins().Eqz(Pop()));
                break;
            case W.RefFunc:
                Push(b.Ins().Iadd(vmctx, b.Ins().Iconst(IrType.IPtr, layout.FuncRefOffset(ins.Index))));
                break;
            case W.TableGet:
            case W.TableSet:
            case W.TableSize:
            case W.TableGrow:
            case W.TableFill:
            case W.TableCopy:
            case W.TableInit:
            case W.ElemDrop:
                TranslateTable(in ins);
                break;
            default:
                throw new NotSupportedException($"{ins.Info.Name} at offset 0x{ins.Offset:x} is not supported");
        }
    }

    private void TranslateNumeric(in NumericOp num)
    {
        var ins = b.Ins();
        switch (num.Kind)
        {
            case NumericKind.Binary:
                {
                    var y = Pop();
                    var x = Pop();
                    Push(ins.Binary(num.Op, x, y));
                    break;
                }
            case NumericKind.Unary:
                Push(ins.Unary(num.Op, num.Type, Pop()));
                break;
            case NumericKind.IntCompare:
                {
                    var y = Pop();
                    var x = Pop();
                    Push(ins.Icmp((IntCC)num.Cond, x, y));
                    break;
                }
            default:
                {
                    var y = Pop();
                    var x = Pop();
                    Push(ins.Fcmp((FloatCC)num.Cond, x, y));
                    break;
                }
        }
    }

    // ---- operand stack ----

    private void Push(Value v)
    {
        if (sp == stack.Length)
        {
            Array.Resize(ref stack, stack.Length * 2);
        }
        stack[sp++] = v;
    }

    private Value Pop() => sp > 0 ? stack[--sp] : throw new InvalidOperationException("operand stack underflow (not validated?)");

    private Value Peek(int depth) => stack[sp - 1 - depth];

    /// <summary>The top <paramref name="n"/> operands, bottom first (a view: do not hold across pushes).</summary>
    private ReadOnlySpan<Value> Top(int n) => stack.AsSpan(sp - n, n);

    // ---- small emitters ----

    private Value I32(uint v) => b.Ins().Iconst(IrType.I32, (int)v);

    private Value Fconst(IrType type, long bits)
    {
        // Through the raw bits so NaN payloads survive exactly.
        var ins = b.Ins();
        var i = ins.Start(Kiln.IR.Opcode.Fconst, type, []);
        func.Dfg[i].Imm = bits;
        return func.Dfg.FirstResult(ins.Finish(i));
    }

    private static ValType[][] BuildSingleTypes()
    {
        var t = new ValType[256][];
        foreach (var v in (ValType[])[ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.V128, ValType.FuncRef, ValType.ExternRef, ValType.ExnRef])
        {
            t[(byte)v] = [v];
        }
        return t;
    }
}
