using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;
using static Kiln.Wasm.Tests.Validation.TestModule;

namespace Kiln.Wasm.Tests.Validation;

/// <summary>Every instruction with a fixed signature in the opcode table, with right and wrong operands.</summary>
public class OpcodeTableSweepTests
{
    public static TheoryData<Opcode> FixedSignatureOpcodes()
    {
        var data = new TheoryData<Opcode>();
        foreach (var info in OpcodeTable.All) if (info.Params is not null) data.Add(info.Opcode);
        return data;
    }

    [Theory]
    [MemberData(nameof(FixedSignatureOpcodes))]
    public void Accepts_its_signature(Opcode op)
    {
        var info = OpcodeTable.Get(op);
        Build(info, info.Params!).Valid();
    }

    [Theory]
    [MemberData(nameof(FixedSignatureOpcodes))]
    public void Rejects_a_wrong_operand(Opcode op)
    {
        var info = OpcodeTable.Get(op);
        if (info.Params!.Length == 0)
        {
            // Nothing to get wrong in the operands; check the result type instead.
            var m = new TestModule();
            m.Memory();
            m.PassiveData();
            var wrong = info.Results![0] == ValType.I32 ? ValType.I64 : ValType.I32;
            m.Func(T(), T(wrong), c => Emit(c, info));
            m.Invalid("type mismatch");
            return;
        }
        var args = (ValType[])info.Params.Clone();
        args[^1] = args[^1] == ValType.I32 ? ValType.F64 : ValType.I32;
        Build(info, args).Invalid("type mismatch");
    }

    private static TestModule Build(OpcodeInfo info, ValType[] args)
    {
        var m = new TestModule();
        m.Memory();
        m.PassiveData();
        m.Func(T(), T(), c =>
        {
            foreach (var a in args) c.Const(a);
            Emit(c, info);
            foreach (var _ in info.Results!) c.Op(Opcode.Drop);
        });
        return m;
    }

    private static void Emit(CodeBuilder c, OpcodeInfo info)
    {
        c.Op(info.Opcode);
        switch (info.Immediate)
        {
            case ImmediateKind.None: break;
            case ImmediateKind.MemArg: c.U32(info.NaturalAlignment).U32(0); break;
            case ImmediateKind.MemArgLane: c.U32(info.NaturalAlignment).U32(0).Byte((byte)(info.LaneCount - 1)); break;
            case ImmediateKind.Lane: c.Byte((byte)(info.LaneCount - 1)); break;
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
