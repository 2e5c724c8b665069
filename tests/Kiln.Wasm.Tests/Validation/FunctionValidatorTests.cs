using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;
using Kiln.Wasm.Validation;
using static Kiln.Wasm.Model.ValType;
using static Kiln.Wasm.Tests.Validation.TestModule;

namespace Kiln.Wasm.Tests.Validation;

/// <summary>The per-function entry a compiler reuses: one instance across functions, and the step API.</summary>
public class FunctionValidatorTests
{
    [Fact]
    public void One_instance_validates_many_functions_and_recovers_after_errors()
    {
        var m = new TestModule();
        uint good = m.Func(T(I32), T(I32), c => c.Block(I32).LocalGet(0).End(), new LocalGroup(3, F64));
        uint bad = m.Func(T(), T(I32), c => c.Block().Block().Block().I64Const(0).End().End().End());
        uint deep = m.Func(T(), T(), c =>
        {
            for (int i = 0; i < 100; i++) c.Block();
            for (int i = 0; i < 100; i++) c.End();
        });
        var v = new FunctionValidator(ValidationContext.Create(m.Module));
        v.Validate(good);
        Assert.Throws<WasmValidationException>(() => v.Validate(bad));
        v.Validate(deep);
        v.Validate(good);
        Assert.Equal(4, v.Locals.Length);
        Assert.Equal(F64, v.Locals[3]);
    }

    [Fact]
    public void Imported_functions_have_no_body()
    {
        var m = new TestModule();
        uint imp = m.ImportFunc(T(), T());
        var v = new FunctionValidator(m.Module);
        Assert.Throws<ArgumentOutOfRangeException>(() => v.Validate(imp));
    }

    [Fact]
    public void Step_api_exposes_operands_and_frames()
    {
        var m = new TestModule();
        uint f = m.Func(T(I64), T(), c => c.Block(F32).Op(Opcode.Unreachable).End().Op(Opcode.Drop), new LocalGroup(1, I32));
        var v = new FunctionValidator(m.Module);
        var body = m.Module.Codes[0];
        v.Begin(f, body.Locals);
        var reader = new InstructionReader(body.Code.Span, 0);

        var ins = reader.Read(); // block (result f32)
        v.Step(in ins, ref reader);
        Assert.Equal(2, v.ControlDepth);
        Assert.Equal(Opcode.Block, v.Control(0).Kind);
        Assert.Equal([F32], v.Control(0).LabelTypes);

        ins = reader.Read(); // unreachable
        v.Step(in ins, ref reader);
        Assert.True(v.IsUnreachable);
        Assert.Equal(0, v.OperandCount);

        ins = reader.Read(); // end
        v.Step(in ins, ref reader);
        Assert.False(v.IsUnreachable);
        Assert.Equal(1, v.OperandCount);
        Assert.Equal(F32, v.Operand(0));

        ins = reader.Read(); // drop
        v.Step(in ins, ref reader);
        ins = reader.Read(); // final end
        v.Step(in ins, ref reader);
        Assert.Equal(0, v.ControlDepth);
        v.Finish(reader.Offset);
        Assert.Equal([I64, I32], v.Locals.ToArray());
    }

    [Fact]
    public void Validating_a_large_body_does_not_allocate_per_instruction()
    {
        var m = new TestModule();
        m.Memory();
        uint f = m.Func(T(), T(), c =>
        {
            for (int i = 0; i < 20000; i++)
            {
                c.I32Const(i).I32Const(1).Op(Opcode.I32Add).Block(I32).I32Const(0).Mem(Opcode.I32Load, 2).End().Op(Opcode.I32Mul).Op(Opcode.Drop);
            }
        });
        var v = new FunctionValidator(m.Module);
        v.Validate(f); // warm up: stacks reach their size
        long before = GC.GetAllocatedBytesForCurrentThread();
        v.Validate(f);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1024, $"allocated {allocated} bytes");
    }
}
