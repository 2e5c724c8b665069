using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;
using Kiln.Wasm.Validation;
using static Kiln.Wasm.Model.ValType;
using static Kiln.Wasm.Tests.Validation.TestModule;

namespace Kiln.Wasm.Tests.Validation;

public class LocalTests
{
    [Fact]
    public void Params_come_before_declared_locals()
    {
        Body.Valid(T(I32), T(I64), c => c.LocalGet(1).LocalGet(0).Op(Opcode.Drop), new LocalGroup(1, I64));
        Body.Invalid("type mismatch", T(I32), T(I64), c => c.LocalGet(0), new LocalGroup(1, I64));
    }

    [Fact]
    public void Local_groups_are_expanded_in_order()
    {
        Body.Valid(T(), T(F64), c => c.LocalGet(3), new LocalGroup(2, I32), new LocalGroup(0, F32), new LocalGroup(2, F64));
        Body.Invalid("type mismatch", T(), T(F64), c => c.LocalGet(1), new LocalGroup(2, I32), new LocalGroup(2, F64));
    }

    [Fact]
    public void Unknown_local()
    {
        var ex = Body.Invalid("unknown local", T(I32), T(I32), c => c.LocalGet(2), new LocalGroup(1, I32));
        Assert.Equal("unknown local 2", ex.Reason);
        Body.Invalid("unknown local", T(), T(), c => c.I32Const(0).LocalSet(0));
        Body.Invalid("unknown local", T(), T(I32), c => c.I32Const(0).LocalTee(0));
    }

    [Fact]
    public void Local_set_and_tee_check_the_value()
    {
        Body.Valid(T(F32), T(F32), c => c.F32Const(1).LocalTee(0).LocalSet(0).LocalGet(0));
        Body.Invalid("type mismatch", T(F32), T(), c => c.I32Const(1).LocalSet(0));
        Body.Invalid("type mismatch", T(F32), T(I32), c => c.F32Const(1).LocalTee(0));
    }

    [Fact]
    public void Too_many_locals()
    {
        Body.Valid(T(), T(), _ => { }, new LocalGroup(FunctionValidator.MaxLocals, I32));
        Body.Invalid("too many locals", T(I32), T(), _ => { }, new LocalGroup(FunctionValidator.MaxLocals, I32));
        Body.Invalid("too many locals", T(), T(), _ => { }, new LocalGroup(uint.MaxValue, I32), new LocalGroup(uint.MaxValue, I64));
    }

    [Fact]
    public void Local_types_must_be_value_types()
    {
        Body.Valid(T(), T(), _ => { }, new LocalGroup(1, V128), new LocalGroup(1, ExternRef));
        Body.Invalid("malformed value type", T(), T(), _ => { }, new LocalGroup(1, (ValType)0x40));
    }
}
