using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;
using static Kiln.Wasm.Model.ValType;
using static Kiln.Wasm.Tests.Validation.TestModule;

namespace Kiln.Wasm.Tests.Validation;

public class ReferenceTests
{
    [Fact]
    public void Ref_null_pushes_its_type()
    {
        Body.Valid(T(), T(ExternRef), c => c.RefNull(ExternRef));
        Body.Invalid("type mismatch", T(), T(FuncRef), c => c.RefNull(ExternRef));
    }

    [Fact]
    public void Ref_is_null_needs_a_reference()
    {
        Body.Valid(T(), T(I32), c => c.RefNull(FuncRef).Op(Opcode.RefIsNull));
        Body.Valid(T(), T(I32), c => c.Op(Opcode.Unreachable).Op(Opcode.RefIsNull));
        Body.Invalid("type mismatch", T(), T(I32), c => c.I32Const(0).Op(Opcode.RefIsNull));
        Body.Invalid("type mismatch", T(), T(I32), c => c.Op(Opcode.RefIsNull));
    }

    [Fact]
    public void Ref_func_of_undeclared_function_is_rejected()
    {
        var m = new TestModule();
        uint self = 0;
        m.Func(T(), T(), c => c.RefFunc(self).Op(Opcode.Drop));
        m.Invalid("undeclared function reference");

        // Being the start function does not declare it.
        var start = new TestModule();
        start.Func(T(), T(), c => c.RefFunc(0).Op(Opcode.Drop));
        start.Module.Start = 0;
        start.Invalid("undeclared function reference");

        // Nor does a ref.func in another function body.
        var body = new TestModule();
        body.Func(T(), T(), c => c.RefFunc(1).Op(Opcode.Drop));
        body.Func(T(), T(), c => c.RefFunc(1).Op(Opcode.Drop));
        body.Invalid("undeclared function reference");
    }

    [Fact]
    public void Declarative_segment_declares()
    {
        var m = new TestModule();
        m.Func(T(), T(FuncRef), c => c.RefFunc(0));
        m.DeclareFuncs(0);
        m.Valid();
    }

    [Fact]
    public void Export_declares()
    {
        var m = new TestModule();
        m.Func(T(), T(FuncRef), c => c.RefFunc(0));
        m.Export("f", ExternalKind.Func, 0);
        m.Valid();
    }

    [Fact]
    public void Global_initializer_declares()
    {
        var m = new TestModule();
        m.Func(T(), T(FuncRef), c => c.RefFunc(0));
        m.Global(FuncRef, false, c => c.RefFunc(0));
        m.Valid();
    }

    [Fact]
    public void Element_expression_declares()
    {
        var m = new TestModule();
        m.Func(T(), T(FuncRef), c => c.RefFunc(0));
        m.PassiveElem(FuncRef, c => c.RefFunc(0));
        m.Valid();
    }

    [Fact]
    public void Declaration_is_per_function()
    {
        var m = new TestModule();
        m.Func(T(), T(FuncRef), c => c.RefFunc(1));
        m.Func(T(), T(), _ => { });
        m.DeclareFuncs(0);
        m.Invalid("undeclared function reference");
    }

    [Fact]
    public void Ref_func_of_unknown_function()
    {
        Body.Invalid("unknown function", T(), T(FuncRef), c => c.RefFunc(3));
    }
}
