using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;
using static Kiln.Wasm.Model.ValType;

namespace Kiln.Wasm.Tests.Validation;

public class ElementSegmentTests
{
    private static ElementSegment Active(ValType type, uint table, Action<CodeBuilder> offset, uint[]? funcs = null, ConstExpr[]? exprs = null) =>
        new()
        {
            Mode = SegmentMode.Active,
            TableIndex = table,
            ElementType = type,
            Offset = TestModule.Expr(offset),
            FunctionIndices = exprs is null ? funcs ?? [] : null,
            Expressions = exprs,
        };

    [Fact]
    public void Active_function_list()
    {
        var m = new TestModule();
        uint f = m.Func([], [], _ => { });
        m.Table(FuncRef);
        m.Elem(Active(FuncRef, 0, c => c.I32Const(0), [f]));
        m.Valid();
    }

    [Fact]
    public void Active_segment_needs_a_table()
    {
        var m = new TestModule();
        m.Elem(Active(FuncRef, 0, c => c.I32Const(0)));
        Assert.Equal("unknown table 0", m.Invalid("unknown table").Reason);
    }

    [Fact]
    public void Segment_and_table_types_must_match()
    {
        var m = new TestModule();
        uint f = m.Func([], [], _ => { });
        m.Table(ExternRef);
        m.Elem(Active(FuncRef, 0, c => c.I32Const(0), [f]));
        m.Invalid("type mismatch");
    }

    [Fact]
    public void Offset_must_be_a_constant_i32()
    {
        var wrongType = new TestModule();
        wrongType.Table(FuncRef);
        wrongType.Elem(Active(FuncRef, 0, c => c.I64Const(0)));
        wrongType.Invalid("type mismatch");

        var notConst = new TestModule();
        notConst.Table(FuncRef);
        notConst.Elem(Active(FuncRef, 0, c => c.I32Const(0).Op(Opcode.I32Ctz)));
        notConst.Invalid("constant expression required");

        var mutableGlobal = new TestModule();
        uint g = mutableGlobal.ImportGlobal(I32, mutable: true);
        mutableGlobal.Table(FuncRef);
        mutableGlobal.Elem(Active(FuncRef, 0, c => c.GlobalGet(g)));
        mutableGlobal.Invalid("constant expression required");
    }

    [Fact]
    public void Unknown_function_in_list()
    {
        var m = new TestModule();
        m.Table(FuncRef);
        m.Elem(Active(FuncRef, 0, c => c.I32Const(0), [7]));
        Assert.Equal("unknown function 7", m.Invalid("unknown function").Reason);
    }

    [Fact]
    public void Expression_items_must_have_the_element_type()
    {
        var m = new TestModule();
        uint f = m.Func([], [], _ => { });
        m.PassiveElem(FuncRef, c => c.RefFunc(f), c => c.RefNull(FuncRef));
        m.PassiveElem(ExternRef, c => c.RefNull(ExternRef));
        m.Valid();

        var bad = new TestModule();
        bad.PassiveElem(FuncRef, c => c.RefNull(ExternRef));
        bad.Invalid("type mismatch");

        var number = new TestModule();
        number.PassiveElem(FuncRef, c => c.I32Const(0));
        number.Invalid("type mismatch");

        var two = new TestModule();
        two.PassiveElem(FuncRef, c => c.RefNull(FuncRef).RefNull(FuncRef));
        two.Invalid("type mismatch");

        var call = new TestModule();
        f = call.Func([], [FuncRef], c => c.RefNull(FuncRef));
        call.PassiveElem(FuncRef, c => c.Call(f));
        call.Invalid("constant expression required");
    }

    [Fact]
    public void Function_indices_need_funcref_segment()
    {
        var m = new TestModule();
        uint f = m.Func([], [], _ => { });
        m.Elem(new ElementSegment { Mode = SegmentMode.Passive, ElementType = ExternRef, FunctionIndices = [f] });
        m.Invalid("type mismatch");
    }
}
