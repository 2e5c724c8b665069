using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.Wasm.Validation;

public sealed partial class FunctionValidator
{
    /// <summary>
    /// Validates one instruction. <paramref name="reader"/> is the reader it came from (br_table reads its
    /// targets through it). Instructions with a fixed signature are typed from
    /// <see cref="OpcodeInfo.Params"/>/<see cref="OpcodeInfo.Results"/>; the rest are handled here.
    /// </summary>
    public void Step(in Instruction ins, ref InstructionReader reader)
    {
        _offset = ins.Offset;
        if (_ctrlCount == 0) throw Fail("operators remaining after end of function");
        switch (ins.Opcode)
        {
            case Opcode.Unreachable:
                SetUnreachable();
                return;
            case Opcode.Nop:
                return;
            case Opcode.Block:
            case Opcode.Loop:
                {
                    ResolveBlockType(ins.BlockType, out var start, out var end);
                    PopVals(start);
                    PushCtrl(ins.Opcode, start, end);
                    return;
                }
            case Opcode.If:
                {
                    ResolveBlockType(ins.BlockType, out var start, out var end);
                    Pop(ValType.I32);
                    PopVals(start);
                    PushCtrl(Opcode.If, start, end);
                    return;
                }
            case Opcode.Else:
                {
                    if (_ctrls[_ctrlCount - 1].Kind != Opcode.If) throw Fail("else found outside of an if block");
                    var frame = PopCtrl();
                    PushCtrl(Opcode.Else, frame.StartTypes, frame.EndTypes);
                    return;
                }
            case Opcode.End:
                {
                    var frame = PopCtrl();
                    // An if without else has an implicit empty else, which must turn the parameters into the results.
                    if (frame.Kind == Opcode.If && !frame.StartTypes.AsSpan().SequenceEqual(frame.EndTypes))
                        throw Fail("type mismatch: if without else must produce its parameters as results");
                    PushVals(frame.EndTypes);
                    return;
                }
            case Opcode.Br:
                PopVals(Label(ins.Index).LabelTypes);
                SetUnreachable();
                return;
            case Opcode.BrIf:
                {
                    Pop(ValType.I32);
                    var types = Label(ins.Index).LabelTypes;
                    PopVals(types);
                    PushVals(types);
                    return;
                }
            case Opcode.BrTable:
                BrTable(in ins, ref reader);
                return;
            case Opcode.Return:
                PopVals(_type.Results);
                SetUnreachable();
                return;
            case Opcode.Call:
                {
                    if (ins.Index >= (uint)_ctx.FunctionTypes.Length) throw Fail($"unknown function {ins.Index}");
                    var ft = _ctx.FunctionTypes[ins.Index];
                    PopVals(ft.Params);
                    PushVals(ft.Results);
                    return;
                }
            case Opcode.CallIndirect:
                {
                    var table = Table(ins.Index2);
                    if (ins.Index >= (uint)_types.Count) throw Fail($"unknown type {ins.Index}");
                    if (table.ElementType != ValType.FuncRef)
                        throw Fail($"type mismatch: call_indirect needs a funcref table, table {ins.Index2} is {table.ElementType.ToText()}");
                    var ft = _types[(int)ins.Index];
                    Pop(ValType.I32);
                    PopVals(ft.Params);
                    PushVals(ft.Results);
                    return;
                }
            case Opcode.Drop:
                Pop(Unknown);
                return;
            case Opcode.Select:
                {
                    Pop(ValType.I32);
                    var t1 = Pop(Unknown);
                    var t2 = Pop(Unknown);
                    // Untyped select only picks between numbers or vectors; references need the typed form.
                    if (!(IsNumOrUnknown(t1) && IsNumOrUnknown(t2)) && !(IsVecOrUnknown(t1) && IsVecOrUnknown(t2)))
                        throw Fail($"type mismatch: select without type needs numeric or vector operands, found {TypeName(t2)} and {TypeName(t1)}");
                    if (t1 != t2 && t1 != Unknown && t2 != Unknown)
                        throw Fail($"type mismatch: select operands differ: {TypeName(t2)} and {TypeName(t1)}");
                    Push(t1 == Unknown ? t2 : t1);
                    return;
                }
            case Opcode.SelectTyped:
                {
                    if (ins.SelectTypeCount != 1) throw Fail("invalid result arity");
                    var t = ins.SelectType;
                    Pop(ValType.I32);
                    Pop(t);
                    Pop(t);
                    Push(t);
                    return;
                }
            case Opcode.LocalGet:
                Push(Local(ins.Index));
                return;
            case Opcode.LocalSet:
                Pop(Local(ins.Index));
                return;
            case Opcode.LocalTee:
                {
                    var t = Local(ins.Index);
                    Pop(t);
                    Push(t);
                    return;
                }
            case Opcode.GlobalGet:
                Push(Global(ins.Index).ValueType);
                return;
            case Opcode.GlobalSet:
                {
                    var g = Global(ins.Index);
                    if (!g.Mutable) throw Fail($"global is immutable: global {ins.Index}");
                    Pop(g.ValueType);
                    return;
                }
            case Opcode.TableGet:
                {
                    var t = Table(ins.Index).ElementType;
                    Pop(ValType.I32);
                    Push(t);
                    return;
                }
            case Opcode.TableSet:
                {
                    var t = Table(ins.Index).ElementType;
                    Pop(t);
                    Pop(ValType.I32);
                    return;
                }
            case Opcode.TableSize:
                Table(ins.Index);
                Push(ValType.I32);
                return;
            case Opcode.TableGrow:
                {
                    var t = Table(ins.Index).ElementType;
                    Pop(ValType.I32);
                    Pop(t);
                    Push(ValType.I32);
                    return;
                }
            case Opcode.TableFill:
                {
                    var t = Table(ins.Index).ElementType;
                    Pop(ValType.I32);
                    Pop(t);
                    Pop(ValType.I32);
                    return;
                }
            case Opcode.TableCopy:
                {
                    var dst = Table(ins.Index).ElementType;
                    var src = Table(ins.Index2).ElementType;
                    if (dst != src) throw Fail($"type mismatch: table.copy from {src.ToText()} to {dst.ToText()}");
                    PopI32x3();
                    return;
                }
            case Opcode.TableInit:
                {
                    var t = Table(ins.Index2).ElementType;
                    var e = Elem(ins.Index);
                    if (t != e) throw Fail($"type mismatch: table.init of {e.ToText()} segment into {t.ToText()} table");
                    PopI32x3();
                    return;
                }
            case Opcode.ElemDrop:
                Elem(ins.Index);
                return;
            case Opcode.RefNull:
                Push((ValType)(byte)ins.Index);
                return;
            case Opcode.RefIsNull:
                {
                    var t = Pop(Unknown);
                    if (t != Unknown && !t.IsReference()) throw Fail($"type mismatch: expected a reference, found {t.ToText()}");
                    Push(ValType.I32);
                    return;
                }
            case Opcode.RefFunc:
                if (ins.Index >= (uint)_ctx.FunctionTypes.Length) throw Fail($"unknown function {ins.Index}");
                if (!_ctx.IsDeclaredReference(ins.Index)) throw Fail($"undeclared function reference {ins.Index}");
                Push(ValType.FuncRef);
                return;
            case Opcode.MemoryInit:
                Memory(ins.Index2);
                Data(ins.Index);
                PopI32x3();
                return;
            case Opcode.DataDrop:
                Data(ins.Index);
                return;
            case Opcode.MemoryCopy:
                Memory(ins.Index);
                Memory(ins.Index2);
                PopI32x3();
                return;
            case Opcode.MemorySize:
            case Opcode.MemoryGrow:
            case Opcode.MemoryFill:
                Memory(ins.Index);
                break;
            case Opcode.Throw:
                PopVals(Tag(ins.Index).Params);
                SetUnreachable();
                return;
            case Opcode.ThrowRef:
                Pop(ValType.ExnRef);
                SetUnreachable();
                return;
            case Opcode.TryTable:
                TryTable(in ins, ref reader);
                return;
        }
        var info = OpcodeTable.Get(ins.Opcode);
        if (info.Immediate != ImmediateKind.None) CheckImmediates(in ins, info);
        ApplySignature(info);
    }

    private void ApplySignature(OpcodeInfo info)
    {
        var parameters = info.Params ?? throw new InvalidOperationException($"{info.Name} has no fixed signature");
        for (int i = parameters.Length - 1; i >= 0; i--) Pop(parameters[i]);
        var results = info.Results!;
        for (int i = 0; i < results.Length; i++) Push(results[i]);
    }

    // Memory accesses, lanes and shuffles: the immediates the opcode table describes.
    private void CheckImmediates(in Instruction ins, OpcodeInfo info)
    {
        switch (info.Immediate)
        {
            case ImmediateKind.MemArg:
                CheckMemArg(in ins, info);
                break;
            case ImmediateKind.MemArgLane:
                CheckMemArg(in ins, info);
                if (ins.Lane >= info.LaneCount) throw Fail($"invalid lane index {ins.Lane}");
                break;
            case ImmediateKind.Lane:
                if (ins.Lane >= info.LaneCount) throw Fail($"invalid lane index {ins.Lane}");
                break;
            case ImmediateKind.Shuffle:
                // Lanes index the 32 bytes of both operands; any byte with bit 5..7 set is out of range.
                if (((ins.V128Low | ins.V128High) & 0xE0E0E0E0E0E0E0E0UL) != 0) throw Fail("invalid lane index");
                break;
        }
    }

    private void CheckMemArg(in Instruction ins, OpcodeInfo info)
    {
        Memory(ins.MemoryIndex);
        if (ins.AlignLog2 > info.NaturalAlignment) throw Fail("alignment must not be larger than natural");
    }

    private void BrTable(in Instruction ins, ref InstructionReader reader)
    {
        Pop(ValType.I32);
        int arity = Label(ins.BrTableDefault).LabelTypes.Length;
        int count = ins.BrTableCount;
        if (_brTargets.Length < count) _brTargets = new uint[Math.Max(count, _brTargets.Length * 2)];
        var targets = _brTargets.AsSpan(0, count);
        reader.ReadBrTableTargets(in ins, targets);
        foreach (uint depth in targets)
        {
            var types = Label(depth).LabelTypes;
            if (types.Length != arity) throw Fail($"type mismatch: br_table targets {depth} and {ins.BrTableDefault} have different arities");
            PeekVals(types);
        }
        PopVals(Label(ins.BrTableDefault).LabelTypes);
        SetUnreachable();
    }

    private void PopI32x3()
    {
        Pop(ValType.I32);
        Pop(ValType.I32);
        Pop(ValType.I32);
    }

    private static bool IsNumOrUnknown(ValType t) => t == Unknown || t.IsNumeric();
    private static bool IsVecOrUnknown(ValType t) => t is Unknown or ValType.V128;

    // ---- index lookups in the context ----------------------------------------------------------

    private ValType Local(uint index)
    {
        if (index >= (uint)_localCount) throw Fail($"unknown local {index}");
        return _locals[index];
    }

    private GlobalType Global(uint index)
    {
        var globals = _ctx.Globals;
        if (index >= (uint)globals.Length) throw Fail($"unknown global {index}");
        return globals[index];
    }

    private TableType Table(uint index)
    {
        var tables = _ctx.Tables;
        if (index >= (uint)tables.Length) throw Fail($"unknown table {index}");
        return tables[index];
    }

    private void Memory(uint index)
    {
        if (index >= (uint)_ctx.MemoryCount) throw Fail($"unknown memory {index}");
    }

    private ValType Elem(uint index)
    {
        var elems = _ctx.ElementTypes;
        if (index >= (uint)elems.Length) throw Fail($"unknown elem segment {index}");
        return elems[index];
    }

    private void Data(uint index)
    {
        // Index first: a text module has no data count section, and its error is the unknown segment.
        if (index >= (uint)_ctx.DataSegmentCount) throw Fail($"unknown data segment {index}");
        if (!_ctx.HasDataCount) throw Fail("data count section required");
    }
}
