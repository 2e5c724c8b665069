using Kiln.Wasm.Instructions;
using static Kiln.Wasm.Model.ValType;
using static Kiln.Wasm.Tests.Validation.TestModule;

namespace Kiln.Wasm.Tests.Validation;

public class BlockTests
{
    [Fact]
    public void Empty_block_type()
    {
        Body.Valid(T(), T(), c => c.Block().End());
        Body.Invalid("type mismatch", T(), T(), c => c.Block().I32Const(1).End());
    }

    [Fact]
    public void Value_block_type()
    {
        Body.Valid(T(), T(F32), c => c.Block(F32).F32Const(1).End());
        Body.Invalid("type mismatch", T(), T(F32), c => c.Block(F32).End());
        Body.Invalid("type mismatch", T(), T(F32), c => c.Block(F32).F64Const(1).End());
    }

    [Fact]
    public void Block_cannot_see_operands_outside_it()
    {
        Body.Invalid("type mismatch", T(), T(I32), c => c.I32Const(1).Block(I32).Op(Opcode.I32Eqz).End());
    }

    [Fact]
    public void Type_index_block_with_params_takes_them_from_the_stack()
    {
        var m = new TestModule();
        uint bt = m.Type(T(I32, I32), T(I64));
        m.Func(T(), T(I64), c => c.I32Const(1).I32Const(2).BlockT(bt).Op(Opcode.I32Add).Op(Opcode.I64ExtendI32U).End());
        m.Valid();
    }

    [Fact]
    public void Type_index_block_params_must_be_present()
    {
        var m = new TestModule();
        uint bt = m.Type(T(I32, I32), T(I32));
        m.Func(T(), T(I32), c => c.I32Const(1).BlockT(bt).Op(Opcode.I32Add).End());
        m.Invalid("type mismatch");
    }

    [Fact]
    public void Multi_value_block_results()
    {
        var m = new TestModule();
        uint bt = m.Type(T(), T(I32, F64));
        m.Func(T(), T(I32, F64), c => c.BlockT(bt).I32Const(1).F64Const(2).End());
        m.Valid();

        var bad = new TestModule();
        bt = bad.Type(T(), T(I32, F64));
        bad.Func(T(), T(I32, F64), c => c.BlockT(bt).I32Const(1).End());
        bad.Invalid("type mismatch");
    }

    [Fact]
    public void Unknown_block_type_index() =>
        Body.Invalid("unknown type", T(), T(), c => c.BlockT(7).End());

    [Fact]
    public void Loop_label_carries_its_params()
    {
        var m = new TestModule();
        uint bt = m.Type(T(I32), T(I32));
        // br 0 inside the loop jumps back to its start, which wants the i32 parameter.
        m.Func(T(), T(I32), c => c.I32Const(1).LoopT(bt).I32Const(1).Op(Opcode.I32Sub).LocalTee(0).LocalGet(0).BrIf(0).End(),
            new Kiln.Wasm.Model.LocalGroup(1, I32));
        m.Valid();

        var bad = new TestModule();
        bt = bad.Type(T(I32), T(I32));
        bad.Func(T(), T(I32), c => c.I32Const(1).LoopT(bt).Op(Opcode.Drop).Br(0).End());
        bad.Invalid("type mismatch");
    }

    [Fact]
    public void Loop_with_result_does_not_use_it_for_branches()
    {
        // br 0 in a (loop (result i32)) carries nothing.
        Body.Valid(T(), T(I32), c => c.Loop(I32).Br(0).End());
        Body.Invalid("type mismatch", T(), T(I32), c => c.Loop(I32).I32Const(1).Br(0).I32Const(1).End().Op(Opcode.Drop).I32Const(0).I32Const(0).Op(Opcode.I32Add).Op(Opcode.I32Add));
    }

    [Fact]
    public void If_pops_its_condition()
    {
        Body.Valid(T(), T(), c => c.I32Const(1).If().End());
        Body.Invalid("type mismatch", T(), T(), c => c.If().End());
        Body.Invalid("type mismatch", T(), T(), c => c.I64Const(1).If().End());
    }

    [Fact]
    public void If_with_result_needs_else()
    {
        Body.Valid(T(), T(I32), c => c.I32Const(1).If(I32).I32Const(2).Else().I32Const(3).End());
        Body.Invalid("type mismatch", T(), T(I32), c => c.I32Const(1).If(I32).I32Const(2).End());
    }

    [Fact]
    public void Both_arms_must_match()
    {
        Body.Invalid("type mismatch", T(), T(I32), c => c.I32Const(1).If(I32).I32Const(2).Else().I64Const(3).End());
        Body.Invalid("type mismatch", T(), T(I32), c => c.I32Const(1).If(I32).I32Const(2).Else().End());
        Body.Invalid("type mismatch", T(), T(I32), c => c.I32Const(1).If(I32).Else().I32Const(3).End());
    }

    [Fact]
    public void If_without_else_may_pass_params_through()
    {
        var m = new TestModule();
        uint bt = m.Type(T(I32), T(I32));
        m.Func(T(), T(I32), c => c.I32Const(5).I32Const(1).IfT(bt).I32Const(1).Op(Opcode.I32Add).End());
        m.Valid();

        var bad = new TestModule();
        bt = bad.Type(T(I32), T(I64));
        bad.Func(T(), T(I64), c => c.I32Const(5).I32Const(1).IfT(bt).Op(Opcode.I64ExtendI32S).End());
        bad.Invalid("type mismatch");
    }

    [Fact]
    public void Else_arm_starts_with_the_params_again()
    {
        var m = new TestModule();
        uint bt = m.Type(T(I32, I32), T(I32));
        m.Func(T(), T(I32), c => c.I32Const(1).I32Const(2).I32Const(0).IfT(bt).Op(Opcode.I32Add).Else().Op(Opcode.I32Sub).End());
        m.Valid();
    }

    [Fact]
    public void Else_outside_if_is_rejected() =>
        Body.Invalid("else", T(), T(), c => c.Block().Else().End());

    [Fact]
    public void Unreachable_inside_if_arm_is_local_to_the_arm()
    {
        Body.Valid(T(), T(I32), c => c.I32Const(1).If(I32).Op(Opcode.Unreachable).Else().I32Const(3).End());
        Body.Invalid("type mismatch", T(), T(I32), c => c.I32Const(1).If(I32).Op(Opcode.Unreachable).Else().End());
    }

    [Fact]
    public void Missing_final_end_is_reported()
    {
        var m = new TestModule();
        m.RawFunc(m.Type(T(), T()), new CodeBuilder().Block().End().ToArray());
        m.Invalid("END opcode expected");
    }

    [Fact]
    public void Code_after_final_end_is_reported()
    {
        var m = new TestModule();
        m.RawFunc(m.Type(T(), T()), new CodeBuilder().End().Op(Opcode.Nop).ToArray());
        m.Invalid("operators remaining after end of function");
    }
}
