using Kiln.Wasm.Instructions;
using static Kiln.Wasm.Model.ValType;
using static Kiln.Wasm.Tests.Validation.TestModule;

namespace Kiln.Wasm.Tests.Validation;

public class OperandStackTests
{
    [Fact]
    public void Binary_op_with_matching_operands_is_valid() =>
        Body.Valid(T(), T(I32), c => c.I32Const(1).I32Const(2).Op(Opcode.I32Add));

    [Fact]
    public void Binary_op_with_wrong_operand_type_is_a_mismatch()
    {
        var ex = Body.Invalid("type mismatch", T(), T(I32), c => c.I32Const(1).F64Const(2).Op(Opcode.I32Add));
        Assert.Contains("expected i32, found f64", ex.Reason);
    }

    [Fact]
    public void Operand_missing_is_a_mismatch()
    {
        var ex = Body.Invalid("type mismatch", T(), T(I32), c => c.I32Const(1).Op(Opcode.I32Add));
        Assert.Contains("found nothing", ex.Reason);
    }

    [Fact]
    public void Conversion_is_typed_from_the_table()
    {
        Body.Valid(T(), T(F64), c => c.I64Const(1).Op(Opcode.F64ConvertI64S));
        Body.Invalid("type mismatch", T(), T(F64), c => c.I32Const(1).Op(Opcode.F64ConvertI64S));
    }

    [Fact]
    public void Function_result_must_match()
    {
        Body.Valid(T(), T(I64), c => c.I64Const(1));
        Body.Invalid("type mismatch", T(), T(I64), c => c.I32Const(1));
    }

    [Fact]
    public void Empty_body_with_result_is_a_mismatch() =>
        Body.Invalid("type mismatch", T(), T(I32), _ => { });

    [Fact]
    public void Value_left_over_at_function_end_is_a_mismatch() =>
        Body.Invalid("type mismatch", T(), T(), c => c.I32Const(1));

    [Fact]
    public void Multiple_results_are_checked_in_order()
    {
        Body.Valid(T(), T(I32, F32), c => c.I32Const(1).F32Const(2));
        Body.Invalid("type mismatch", T(), T(I32, F32), c => c.F32Const(2).I32Const(1));
    }

    [Fact]
    public void Drop_needs_an_operand()
    {
        Body.Valid(T(), T(), c => c.I32Const(1).Op(Opcode.Drop));
        Body.Invalid("type mismatch", T(), T(), c => c.Op(Opcode.Drop));
    }

    [Fact]
    public void Unreachable_makes_the_stack_polymorphic()
    {
        Body.Valid(T(), T(I32), c => c.Op(Opcode.Unreachable).Op(Opcode.I32Add));
        Body.Valid(T(), T(I64, F32), c => c.Op(Opcode.Unreachable));
        Body.Valid(T(), T(), c => c.Op(Opcode.Unreachable).Op(Opcode.Drop).Op(Opcode.Drop));
    }

    [Fact]
    public void Polymorphic_stack_still_checks_known_operands()
    {
        // unreachable, then f32.const: i32.add pops the known f32 and must reject it.
        Body.Invalid("type mismatch", T(), T(I32), c => c.Op(Opcode.Unreachable).F32Const(0).Op(Opcode.I32Add));
        // Values pushed after unreachable must still match the block's results.
        Body.Invalid("type mismatch", T(), T(I32), c => c.Op(Opcode.Unreachable).I64Const(0));
        // ...and must not exceed them.
        Body.Invalid("type mismatch", T(), T(), c => c.Op(Opcode.Unreachable).I32Const(0));
    }

    [Fact]
    public void Unreachable_does_not_leak_out_of_its_block()
    {
        // The inner block is unreachable, but the outer one is not: the i32.add after it lacks operands.
        Body.Invalid("type mismatch", T(), T(I32), c => c.Block().Op(Opcode.Unreachable).End().Op(Opcode.I32Add));
        Body.Invalid("type mismatch", T(), T(), c => c.I32Const(3).Block().Op(Opcode.Unreachable).End());
    }

    [Fact]
    public void Return_makes_the_rest_unreachable()
    {
        Body.Valid(T(), T(I32), c => c.I32Const(1).Op(Opcode.Return).Op(Opcode.I64Add).Op(Opcode.Drop).Op(Opcode.Unreachable));
        Body.Invalid("type mismatch", T(), T(I32), c => c.I64Const(1).Op(Opcode.Return));
        Body.Invalid("type mismatch", T(), T(I32, I32), c => c.I32Const(1).Op(Opcode.Return));
    }

    [Fact]
    public void Call_pops_params_and_pushes_results()
    {
        var m = new TestModule();
        uint callee = m.ImportFunc(T(I32, I64), T(F32));
        m.Func(T(), T(F32), c => c.I32Const(1).I64Const(2).Call(callee));
        m.Valid();

        var bad = new TestModule();
        callee = bad.ImportFunc(T(I32, I64), T(F32));
        bad.Func(T(), T(F32), c => c.I64Const(2).I32Const(1).Call(callee));
        bad.Invalid("type mismatch");
    }

    [Fact]
    public void Call_of_unknown_function()
    {
        var ex = Body.Invalid("unknown function", T(), T(), c => c.Call(5));
        Assert.Equal("unknown function 5", ex.Reason);
    }
}
