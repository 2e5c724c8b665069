using Kiln.Wasm.Instructions;
using static Kiln.Wasm.Model.ValType;
using static Kiln.Wasm.Tests.Validation.TestModule;

namespace Kiln.Wasm.Tests.Validation;

public class SelectTests
{
    [Theory]
    [InlineData(Kiln.Wasm.Model.ValType.I32)]
    [InlineData(Kiln.Wasm.Model.ValType.I64)]
    [InlineData(Kiln.Wasm.Model.ValType.F32)]
    [InlineData(Kiln.Wasm.Model.ValType.F64)]
    [InlineData(Kiln.Wasm.Model.ValType.V128)]
    public void Untyped_select_accepts_numbers_and_vectors(Kiln.Wasm.Model.ValType t) =>
        Body.Valid(T(), T(t), c => c.Const(t).Const(t).I32Const(1).Op(Opcode.Select));

    [Theory]
    [InlineData(Kiln.Wasm.Model.ValType.FuncRef)]
    [InlineData(Kiln.Wasm.Model.ValType.ExternRef)]
    public void Untyped_select_rejects_references(Kiln.Wasm.Model.ValType t) =>
        Body.Invalid("type mismatch", T(), T(t), c => c.Const(t).Const(t).I32Const(1).Op(Opcode.Select));

    [Fact]
    public void Untyped_select_operands_must_agree()
    {
        Body.Invalid("type mismatch", T(), T(I32), c => c.I32Const(0).I64Const(0).I32Const(1).Op(Opcode.Select));
        Body.Invalid("type mismatch", T(), T(I32), c => c.I32Const(0).I32Const(0).I64Const(1).Op(Opcode.Select));
    }

    [Fact]
    public void Untyped_select_in_unreachable_code_takes_the_known_type()
    {
        Body.Valid(T(), T(I64), c => c.Op(Opcode.Unreachable).I64Const(0).I32Const(0).Op(Opcode.Select));
        Body.Valid(T(), T(I32), c => c.Op(Opcode.Unreachable).Op(Opcode.Select));
        // The known operand decides the result type: i64, not the expected i32.
        Body.Invalid("type mismatch", T(), T(I32), c => c.Op(Opcode.Unreachable).I64Const(0).I32Const(0).Op(Opcode.Select));
        // A bottom operand next to a reference is still not numeric.
        Body.Invalid("type mismatch", T(), T(), c => c.Op(Opcode.Unreachable).RefNull(FuncRef).I32Const(0).Op(Opcode.Select).Op(Opcode.Drop));
    }

    [Fact]
    public void Typed_select_accepts_references()
    {
        Body.Valid(T(), T(ExternRef), c => c.RefNull(ExternRef).RefNull(ExternRef).I32Const(1).SelectTyped(ExternRef));
        Body.Invalid("type mismatch", T(), T(ExternRef), c => c.RefNull(FuncRef).RefNull(ExternRef).I32Const(1).SelectTyped(ExternRef));
    }

    [Fact]
    public void Typed_select_needs_exactly_one_type()
    {
        Body.Invalid("invalid result arity", T(), T(), c => c.I32Const(0).I32Const(0).I32Const(1).SelectTyped());
        Body.Invalid("invalid result arity", T(), T(I32), c => c.I32Const(0).I32Const(0).I32Const(1).SelectTyped(I32, I32));
    }
}
