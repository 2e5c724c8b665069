using Kiln.Wasm.Instructions;
using static Kiln.Wasm.Model.ValType;
using static Kiln.Wasm.Tests.Validation.TestModule;

namespace Kiln.Wasm.Tests.Validation;

public class BranchTests
{
    [Fact]
    public void Br_carries_the_label_types()
    {
        Body.Valid(T(), T(I32), c => c.Block(I32).I32Const(1).Br(0).End());
        Body.Invalid("type mismatch", T(), T(I32), c => c.Block(I32).I64Const(1).Br(0).End());
        Body.Invalid("type mismatch", T(), T(I32), c => c.Block(I32).Br(0).End());
    }

    [Fact]
    public void Br_to_function_label_uses_its_results()
    {
        Body.Valid(T(), T(F64), c => c.F64Const(1).Br(0));
        Body.Invalid("type mismatch", T(), T(F64), c => c.F32Const(1).Br(0));
    }

    [Fact]
    public void Unknown_label()
    {
        Body.Valid(T(), T(), c => c.Block().Br(1).End());
        var ex = Body.Invalid("unknown label", T(), T(), c => c.Block().Br(2).End());
        Assert.Equal("unknown label 2", ex.Reason);
        Body.Invalid("unknown label", T(), T(), c => c.I32Const(0).BrIf(1));
        Body.Invalid("unknown label", T(), T(), c => c.I32Const(0).BrTable(0, 1));
        Body.Invalid("unknown label", T(), T(), c => c.I32Const(0).BrTable(1, 0));
    }

    [Fact]
    public void Br_if_keeps_the_values()
    {
        Body.Valid(T(), T(I32), c => c.Block(I32).I32Const(1).I32Const(0).BrIf(0).End());
        Body.Invalid("type mismatch", T(), T(I32), c => c.Block(I32).I32Const(1).BrIf(0).End());
        Body.Invalid("type mismatch", T(), T(I32), c => c.Block(I32).F32Const(1).I32Const(0).BrIf(0).End());
    }

    [Fact]
    public void Br_if_pushes_the_label_types_not_the_operands()
    {
        // After unreachable the operand is bottom, but br_if leaves an i32 that the f32.neg rejects.
        Body.Invalid("type mismatch", T(), T(), c => c.Block(I32).Op(Opcode.Unreachable).I32Const(0).BrIf(0).Op(Opcode.F32Neg).Op(Opcode.Drop).I32Const(0).End().Op(Opcode.Drop));
    }

    [Fact]
    public void Br_table_targets_must_agree()
    {
        Body.Valid(T(), T(I32), c => c.Block(I32).Block(I32).I32Const(1).I32Const(0).BrTable(0, 1).End().End());
        Body.Invalid("type mismatch", T(), T(I32), c => c.Block(I32).Block(I64).I32Const(1).I32Const(0).BrTable(0, 1).End().Op(Opcode.Drop).I32Const(0).End());
        Body.Invalid("type mismatch", T(), T(), c => c.Block().Block(I32).I32Const(1).I32Const(0).BrTable(0, 1).End().Op(Opcode.Drop).End());
    }

    [Fact]
    public void Br_table_index_must_be_i32() =>
        Body.Invalid("type mismatch", T(), T(), c => c.Block().I64Const(0).BrTable(0).End());

    [Fact]
    public void Br_table_after_unreachable_allows_differently_typed_labels_of_equal_arity()
    {
        // The spec's "meet-bottom" case: the operand is bottom, matching both f32 and f64.
        Body.Valid(T(), T(), c => c
            .Block(F64).Block(F32).Op(Opcode.Unreachable).I32Const(1).BrTable(1, 0, 1, 1).End()
            .Op(Opcode.Drop).F64Const(0).End().Op(Opcode.Drop));
    }

    [Fact]
    public void Br_table_after_unreachable_still_checks_arity()
    {
        Body.Invalid("type mismatch", T(), T(), c => c
            .Block().Block(F32).Op(Opcode.Unreachable).I32Const(1).BrTable(0, 1, 0).End().Op(Opcode.Drop).End());
    }

    [Fact]
    public void Br_table_after_unreachable_still_checks_known_operands()
    {
        Body.Invalid("type mismatch", T(), T(I32), c => c.Block(I32).Op(Opcode.Unreachable).F32Const(0).I32Const(1).BrTable(0).End());
        // The known operand (externref) is checked against every target, including the i32 one.
        Body.Invalid("type mismatch", T(I32), T(ExternRef), c => c
            .Block(ExternRef).Block(I32).RefNull(ExternRef).LocalGet(0).BrTable(0, 0, 1).End().Op(Opcode.Drop).RefNull(ExternRef).End());
    }

    [Fact]
    public void Br_table_to_loop_uses_loop_params()
    {
        Body.Valid(T(), T(), c => c.Loop().I32Const(0).BrTable(0, 0).End());
    }

    [Fact]
    public void Code_after_br_is_unreachable()
    {
        Body.Valid(T(), T(I32), c => c.Block(I32).I32Const(0).Br(0).Op(Opcode.Drop).Op(Opcode.Drop).End());
        Body.Invalid("type mismatch", T(), T(I32), c => c.Block(I32).I32Const(0).Br(0).Op(Opcode.F32Neg).End());
        Body.Valid(T(), T(I32), c => c.I32Const(0).Br(0).Op(Opcode.I32Add));
    }
}
