using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.Wasm.Validation;

/// <summary>
/// Validates function bodies with the algorithm of the spec's validation appendix: an operand stack of
/// value types (with <see cref="Unknown"/> for the bottom type of unreachable code) and a control stack
/// of <see cref="ControlFrame"/>s. One pass per body, no allocation per instruction; the stacks are kept
/// between functions, so reuse one instance per thread.
/// <para>
/// Either call <see cref="Validate(uint)"/> for a whole body, or drive it instruction by instruction
/// (<see cref="Begin"/>, <see cref="Step"/>, <see cref="Finish"/>) from a translator that wants the
/// operand types and control frames as it goes (<see cref="Operand"/>, <see cref="Control"/>).
/// Syntax errors inside the body surface as <see cref="Binary.WasmDecodeException"/>s from the reader.
/// </para>
/// </summary>
public sealed partial class FunctionValidator
{
    /// <summary>Implementation limit on parameters plus declared locals (as V8 and wasmtime).</summary>
    public const int MaxLocals = 50000;

    /// <summary>The bottom type: an operand produced by unreachable code, matching any type.</summary>
    public const ValType Unknown = 0;

    private static readonly ValType[] NoTypes = [];
    private static readonly ValType[]?[] Singletons = BuildSingletons();

    private readonly ValidationContext _ctx;
    private readonly List<FuncType> _types;

    private ValType[] _vals = new ValType[64];
    private int _valCount;
    private ControlFrame[] _ctrls = new ControlFrame[16];
    private int _ctrlCount;
    // Mirrors of the top frame's Height and Unreachable: every pop reads them.
    private int _floor;
    private bool _polymorphic;

    private ValType[] _locals = new ValType[32];
    private int _localCount;
    private uint[] _brTargets = new uint[16];

    private uint _funcIndex;
    private FuncType _type = FuncType.Empty;
    private int _offset = -1;

    public FunctionValidator(ValidationContext context)
    {
        _ctx = context;
        _types = context.Module.Types;
    }

    /// <summary>A validator with its own context; prefer sharing one <see cref="ValidationContext"/> per module.</summary>
    public FunctionValidator(WasmModule module) : this(ValidationContext.Create(module)) { }

    public ValidationContext Context => _ctx;

    /// <summary>The function being validated, in the function index space.</summary>
    public uint FunctionIndex => _funcIndex;
    public FuncType Type => _type;

    /// <summary>Parameters then declared locals.</summary>
    public ReadOnlySpan<ValType> Locals => _locals.AsSpan(0, _localCount);

    public int OperandCount => _valCount;

    /// <summary>Type of the operand <paramref name="depth"/> places below the top (0 = top); <see cref="Unknown"/> in unreachable code.</summary>
    public ValType Operand(int depth) => _vals[_valCount - 1 - depth];

    /// <summary>Number of open control frames, the function's own included; 0 after its final <c>end</c>.</summary>
    public int ControlDepth => _ctrlCount;

    /// <summary>The frame <paramref name="depth"/> levels out (0 = innermost), i.e. the target of <c>br depth</c>.</summary>
    public ref readonly ControlFrame Control(int depth) => ref _ctrls[_ctrlCount - 1 - depth];

    /// <summary>Whether the current point is unreachable (after unreachable, br, br_table or return).</summary>
    public bool IsUnreachable => _polymorphic;

    /// <summary>Validates the body of defined function <paramref name="funcIndex"/> (function index space).</summary>
    public void Validate(uint funcIndex)
    {
        var module = _ctx.Module;
        long defined = (long)funcIndex - module.ImportedFunctionCount;
        if (defined < 0 || defined >= module.Codes.Count)
            throw new ArgumentOutOfRangeException(nameof(funcIndex), funcIndex, "not a defined function with a body");
        var body = module.Codes[(int)defined];
        Begin(funcIndex, body.Locals);
        var reader = new InstructionReader(body.Code.Span, body.CodeOffset);
        while (!reader.AtEnd)
        {
            var ins = reader.Read();
            Step(in ins, ref reader);
        }
        Finish(reader.Offset);
    }

    /// <summary>Starts a function: sets up its locals and the outermost control frame.</summary>
    public void Begin(uint funcIndex, ReadOnlySpan<LocalGroup> locals)
    {
        if (funcIndex >= (uint)_ctx.FunctionTypes.Length)
            throw new ArgumentOutOfRangeException(nameof(funcIndex), funcIndex, "no such function");
        _funcIndex = funcIndex;
        _type = _ctx.FunctionTypes[funcIndex];
        _offset = -1;

        var parameters = _type.Params;
        ulong total = (ulong)parameters.Length;
        foreach (var g in locals) total += g.Count;
        if (total > MaxLocals) throw Fail("too many locals");
        if (_locals.Length < (int)total) _locals = new ValType[Math.Max((int)total, _locals.Length * 2)];
        parameters.CopyTo(_locals, 0);
        int n = parameters.Length;
        foreach (var g in locals)
        {
            if (!ValTypeExtensions.IsValid((byte)g.Type)) throw Fail($"malformed value type 0x{(byte)g.Type:x2}");
            _locals.AsSpan(n, (int)g.Count).Fill(g.Type);
            n += (int)g.Count;
        }
        _localCount = n;

        _valCount = 0;
        _ctrlCount = 0;
        PushCtrl(Opcode.Block, NoTypes, _type.Results);
    }

    /// <summary>Checks that the body ended with the function's final <c>end</c>.</summary>
    public void Finish(int endOffset)
    {
        _offset = endOffset;
        if (_ctrlCount != 0) throw Fail("END opcode expected");
    }

    // ---- operand stack -------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Push(ValType t)
    {
        if (_valCount == _vals.Length) Array.Resize(ref _vals, _vals.Length * 2);
        _vals[_valCount++] = t;
    }

    private void PushVals(ValType[] types)
    {
        if (_valCount + types.Length > _vals.Length) Array.Resize(ref _vals, Math.Max(_vals.Length * 2, _valCount + types.Length));
        types.CopyTo(_vals, _valCount);
        _valCount += types.Length;
    }

    /// <summary>pop_val(expect): pops one operand that must match <paramref name="expect"/> (any type when it is <see cref="Unknown"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ValType Pop(ValType expect)
    {
        if (_valCount == _floor) return PopAtFloor(expect);
        var actual = _vals[--_valCount];
        if (actual != expect && actual != Unknown && expect != Unknown) ThrowMismatch(expect, actual);
        return actual;
    }

    // Kept out of Pop so the hot path stays small enough to inline.
    private ValType PopAtFloor(ValType expect)
    {
        if (_polymorphic) return Unknown;
        throw Mismatch(expect, null);
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowMismatch(ValType expect, ValType actual) => throw Mismatch(expect, actual);

    private void PopVals(ValType[] types)
    {
        for (int i = types.Length - 1; i >= 0; i--) Pop(types[i]);
    }

    /// <summary>Checks that the top of the stack matches <paramref name="types"/> without changing it: the same
    /// as the appendix's push_vals(pop_vals(types)), whose only effect is the check.</summary>
    private void PeekVals(ValType[] types)
    {
        int n = types.Length;
        for (int i = 0; i < n; i++)
        {
            int pos = _valCount - 1 - i;
            var expect = types[n - 1 - i];
            if (pos < _floor)
            {
                if (_polymorphic) return;
                throw Mismatch(expect, null);
            }
            var actual = _vals[pos];
            if (actual != expect && actual != Unknown) throw Mismatch(expect, actual);
        }
    }

    // ---- control stack -------------------------------------------------------------------------

    private void PushCtrl(Opcode kind, ValType[] start, ValType[] end)
    {
        if (_ctrlCount == _ctrls.Length) Array.Resize(ref _ctrls, _ctrls.Length * 2);
        _ctrls[_ctrlCount++] = new ControlFrame { Kind = kind, StartTypes = start, EndTypes = end, Height = _valCount };
        _floor = _valCount;
        _polymorphic = false;
        PushVals(start);
    }

    private ControlFrame PopCtrl()
    {
        var frame = _ctrls[_ctrlCount - 1];
        PopVals(frame.EndTypes);
        if (_valCount != frame.Height) throw Fail("type mismatch: values remaining on stack at end of block");
        _ctrlCount--;
        if (_ctrlCount > 0)
        {
            ref var top = ref _ctrls[_ctrlCount - 1];
            _floor = top.Height;
            _polymorphic = top.Unreachable;
        }
        return frame;
    }

    private void SetUnreachable()
    {
        ref var top = ref _ctrls[_ctrlCount - 1];
        _valCount = top.Height;
        top.Unreachable = true;
        _polymorphic = true;
    }

    private ref ControlFrame Label(uint depth)
    {
        if (depth >= (uint)_ctrlCount) throw Fail($"unknown label {depth}");
        return ref _ctrls[_ctrlCount - 1 - (int)depth];
    }

    private void ResolveBlockType(BlockType bt, out ValType[] start, out ValType[] end)
    {
        if (bt.IsEmpty)
        {
            start = end = NoTypes;
        }
        else if (bt.IsTypeIndex)
        {
            if (bt.TypeIndex >= (uint)_types.Count) throw Fail($"unknown type {bt.TypeIndex}");
            var ft = _types[(int)bt.TypeIndex];
            start = ft.Params;
            end = ft.Results;
        }
        else
        {
            start = NoTypes;
            end = Singletons[(byte)bt.ValType] ?? throw Fail("malformed value type");
        }
    }

    // ---- errors --------------------------------------------------------------------------------

    private WasmValidationException Fail(string reason) =>
        new(reason, $"func {_funcIndex}", _funcIndex, _offset < 0 ? null : _offset);

    private WasmValidationException Mismatch(ValType expect, ValType? actual) =>
        Fail($"type mismatch: expected {TypeName(expect)}, found {(actual is { } a ? TypeName(a) : "nothing")}");

    internal static string TypeName(ValType t) => t == Unknown ? "a value" : t.ToText();

    private static ValType[]?[] BuildSingletons()
    {
        var table = new ValType[]?[256];
        foreach (var t in Enum.GetValues<ValType>()) table[(byte)t] = [t];
        return table;
    }
}
