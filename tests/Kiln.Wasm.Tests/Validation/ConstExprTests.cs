using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;
using static Kiln.Wasm.Model.ValType;

namespace Kiln.Wasm.Tests.Validation;

public class ConstExprTests
{
    [Theory]
    [InlineData(ValType.I32)]
    [InlineData(ValType.I64)]
    [InlineData(ValType.F32)]
    [InlineData(ValType.F64)]
    [InlineData(ValType.V128)]
    [InlineData(ValType.FuncRef)]
    [InlineData(ValType.ExternRef)]
    public void Constants_of_every_type(ValType t)
    {
        var m = new TestModule();
        m.Global(t, false, c => c.Const(t));
        m.Valid();
    }

    [Fact]
    public void Initializer_type_must_match()
    {
        var m = new TestModule();
        m.Global(I32, false, c => c.I64Const(0));
        m.Invalid("type mismatch");
    }

    [Fact]
    public void Empty_initializer_is_a_mismatch()
    {
        var m = new TestModule();
        m.Global(I32, false, _ => { });
        m.Invalid("type mismatch");
    }

    [Fact]
    public void Two_values_are_a_mismatch()
    {
        var m = new TestModule();
        m.Global(I32, false, c => c.I32Const(0).I32Const(1));
        m.Invalid("type mismatch");
    }

    [Theory]
    [InlineData(Opcode.Nop)]
    [InlineData(Opcode.I32Ctz)]
    [InlineData(Opcode.Drop)]
    public void Non_constant_instructions_are_rejected(Opcode op)
    {
        var m = new TestModule();
        m.Global(I32, false, c => c.I32Const(0).Op(op));
        m.Invalid("constant expression required");
    }

    [Fact]
    public void Local_get_is_not_constant()
    {
        var m = new TestModule();
        m.Global(I32, false, c => c.LocalGet(0));
        m.Invalid("constant expression required");
    }

    [Fact]
    public void Global_get_of_imported_immutable_global_is_constant()
    {
        var m = new TestModule();
        uint g = m.ImportGlobal(I32);
        m.Global(I32, false, c => c.GlobalGet(g));
        m.Valid();
    }

    [Fact]
    public void Global_get_of_imported_mutable_global_is_not_constant()
    {
        var m = new TestModule();
        uint g = m.ImportGlobal(I32, mutable: true);
        m.Global(I32, false, c => c.GlobalGet(g));
        m.Invalid("constant expression required");
    }

    [Fact]
    public void Global_get_of_defined_global_is_unknown_in_wasm_2()
    {
        var m = new TestModule();
        m.Global(I32);
        m.Global(I32, false, c => c.GlobalGet(0));
        Assert.Equal("unknown global 0", m.Invalid("unknown global").Reason);
    }

    [Fact]
    public void Global_get_type_must_match()
    {
        var m = new TestModule();
        uint g = m.ImportGlobal(F32);
        m.Global(I32, false, c => c.GlobalGet(g));
        m.Invalid("type mismatch");
    }

    [Fact]
    public void Ref_func_in_initializer_names_an_existing_function()
    {
        var m = new TestModule();
        uint f = m.Func([], [], _ => { });
        m.Global(FuncRef, false, c => c.RefFunc(f));
        m.Valid();

        var bad = new TestModule();
        bad.Global(FuncRef, false, c => c.RefFunc(3));
        bad.Invalid("unknown function");
    }

    [Fact]
    public void Ref_null_type_must_match()
    {
        var m = new TestModule();
        m.Global(FuncRef, false, c => c.RefNull(ExternRef));
        m.Invalid("type mismatch");
    }

    [Fact]
    public void Error_names_the_global_and_offset()
    {
        var m = new TestModule();
        m.Global(I32);
        m.Global(I32, false, c => c.I32Const(0).Op(Opcode.Nop));
        var ex = m.Invalid("constant expression required");
        Assert.Equal("global 1", ex.Location);
        Assert.Equal(2, ex.Offset); // i32.const 0 is two bytes; nop follows
    }
}
