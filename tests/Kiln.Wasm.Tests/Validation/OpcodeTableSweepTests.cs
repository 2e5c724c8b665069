using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;
using static Kiln.Wasm.Tests.Validation.TestModule;

namespace Kiln.Wasm.Tests.Validation;

/// <summary>
/// Every instruction with a fixed signature in the opcode table, with right and wrong operands. The expected typing
/// comes from <see cref="SpecSignatures"/> (the spec's instruction families, derived from the name), never from the
/// table under test; the table's own row must agree with it.
/// </summary>
public class OpcodeTableSweepTests
{
    public static TheoryData<Opcode> FixedSignatureOpcodes()
    {
        var data = new TheoryData<Opcode>();
        foreach (var info in OpcodeTable.All) if (info.Params is not null) data.Add(info.Opcode);
        return data;
    }

    private static SpecSignatures.Typing Spec(OpcodeInfo info) =>
        SpecSignatures.Of(info.Name) ?? throw new Xunit.Sdk.XunitException($"{info.Name}: the table gives it a fixed signature, the spec's families do not");

    [Theory]
    [MemberData(nameof(FixedSignatureOpcodes))]
    public void Table_row_matches_the_spec(Opcode op)
    {
        var info = OpcodeTable.Get(op);
        var spec = Spec(info);
        Assert.Equal(spec.Params, info.Params!);
        Assert.Equal(spec.Results, info.Results!);
        Assert.Equal(spec.NaturalAlignment, info.NaturalAlignment);
        if (info.Immediate is ImmediateKind.Lane or ImmediateKind.MemArgLane) Assert.Equal(spec.Lanes, info.LaneCount);
    }

    [Theory]
    [MemberData(nameof(FixedSignatureOpcodes))]
    public void Accepts_its_signature(Opcode op)
    {
        var info = OpcodeTable.Get(op);
        var spec = Spec(info);
        Build(info, spec, spec.Params).Valid();
    }

    [Theory]
    [MemberData(nameof(FixedSignatureOpcodes))]
    public void Rejects_a_wrong_operand(Opcode op)
    {
        var info = OpcodeTable.Get(op);
        var spec = Spec(info);
        if (spec.Params.Length == 0)
        {
            // Nothing to get wrong in the operands; check the result type instead.
            var m = new TestModule();
            m.Memory();
            m.PassiveData();
            var wrong = spec.Results[0] == ValType.I32 ? ValType.I64 : ValType.I32;
            m.Func(T(), T(wrong), c => Emit(c, info, spec));
            m.Invalid("type mismatch");
            return;
        }
        var args = (ValType[])spec.Params.Clone();
        args[^1] = args[^1] == ValType.I32 ? ValType.F64 : ValType.I32;
        Build(info, spec, args).Invalid("type mismatch");
    }

    public static TheoryData<Opcode> MemoryAccessOpcodes()
    {
        var data = new TheoryData<Opcode>();
        foreach (var info in OpcodeTable.All)
            if (info.Params is not null && info.Immediate is ImmediateKind.MemArg or ImmediateKind.MemArgLane) data.Add(info.Opcode);
        return data;
    }

    [Theory]
    [MemberData(nameof(MemoryAccessOpcodes))]
    public void Rejects_alignment_above_natural(Opcode op)
    {
        var info = OpcodeTable.Get(op);
        var spec = Spec(info);
        Build(info, spec with { NaturalAlignment = spec.NaturalAlignment + 1 }, spec.Params).Invalid("alignment must not be larger than natural");
    }

    private static TestModule Build(OpcodeInfo info, SpecSignatures.Typing spec, ValType[] args)
    {
        var m = new TestModule();
        m.Memory();
        m.PassiveData();
        m.Func(T(), T(), c =>
        {
            foreach (var a in args) c.Const(a);
            Emit(c, info, spec);
            foreach (var _ in spec.Results) c.Op(Opcode.Drop);
        });
        return m;
    }

    private static void Emit(CodeBuilder c, OpcodeInfo info, SpecSignatures.Typing spec)
    {
        c.Op(info.Opcode);
        switch (info.Immediate)
        {
            case ImmediateKind.None: break;
            case ImmediateKind.MemArg: c.U32((uint)spec.NaturalAlignment).U32(0); break;
            case ImmediateKind.MemArgLane: c.U32((uint)spec.NaturalAlignment).U32(0).Byte((byte)(spec.Lanes - 1)); break;
            case ImmediateKind.Lane: c.Byte((byte)(spec.Lanes - 1)); break;
            case ImmediateKind.Shuffle:
            case ImmediateKind.V128:
                for (int i = 0; i < 16; i++) c.Byte(31);
                break;
            case ImmediateKind.Memory: c.Byte(0); break;
            case ImmediateKind.MemoryInit: c.U32(0).Byte(0); break;
            case ImmediateKind.MemoryCopy: c.Byte(0).Byte(0); break;
            case ImmediateKind.I32: c.S32(-1); break;
            case ImmediateKind.I64: c.S64(-1); break;
            case ImmediateKind.F32: c.Byte(0).Byte(0).Byte(0).Byte(0); break;
            case ImmediateKind.F64: for (int i = 0; i < 8; i++) c.Byte(0); break;
            default: throw new InvalidOperationException($"{info.Name}: immediate {info.Immediate} not covered by the sweep");
        }
    }
}
