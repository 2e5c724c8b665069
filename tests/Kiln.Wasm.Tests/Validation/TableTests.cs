using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;
using static Kiln.Wasm.Model.ValType;
using static Kiln.Wasm.Tests.Validation.TestModule;

namespace Kiln.Wasm.Tests.Validation;

public class TableTests
{
    [Fact]
    public void Table_get_and_set_use_the_element_type()
    {
        var m = new TestModule();
        uint t = m.Table(ExternRef);
        m.Func(T(), T(ExternRef), c => c.I32Const(0).RefNull(ExternRef).Op(Opcode.TableSet).U32(t).I32Const(0).Op(Opcode.TableGet).U32(t));
        m.Valid();

        var bad = new TestModule();
        t = bad.Table(ExternRef);
        bad.Func(T(), T(), c => c.I32Const(0).RefNull(FuncRef).Op(Opcode.TableSet).U32(t));
        bad.Invalid("type mismatch");
    }

    [Fact]
    public void Table_size_grow_fill()
    {
        var m = new TestModule();
        m.Table(FuncRef);
        m.Func(T(), T(I32), c => c
            .RefNull(FuncRef).I32Const(1).Op(Opcode.TableGrow).U32(0).Op(Opcode.Drop)
            .I32Const(0).RefNull(FuncRef).I32Const(1).Op(Opcode.TableFill).U32(0)
            .Op(Opcode.TableSize).U32(0));
        m.Valid();

        var grow = new TestModule();
        grow.Table(FuncRef);
        grow.Func(T(), T(I32), c => c.I32Const(1).RefNull(FuncRef).Op(Opcode.TableGrow).U32(0));
        grow.Invalid("type mismatch");

        var fill = new TestModule();
        fill.Table(FuncRef);
        fill.Func(T(), T(), c => c.I32Const(0).RefNull(ExternRef).I32Const(1).Op(Opcode.TableFill).U32(0));
        fill.Invalid("type mismatch");
    }

    [Theory]
    [InlineData(Opcode.TableGet)]
    [InlineData(Opcode.TableSet)]
    [InlineData(Opcode.TableSize)]
    [InlineData(Opcode.TableGrow)]
    [InlineData(Opcode.TableFill)]
    public void Unknown_table(Opcode op)
    {
        var m = new TestModule();
        m.Func(T(), T(), c => c.Op(op).U32(0));
        Assert.Equal("unknown table 0", m.Invalid("unknown table").Reason);
    }

    [Fact]
    public void Call_indirect()
    {
        var m = new TestModule();
        m.Table(FuncRef);
        uint sig = m.Type(T(I32), T(I64));
        m.Func(T(), T(I64), c => c.I32Const(7).I32Const(0).CallIndirect(sig));
        m.Valid();

        var args = new TestModule();
        args.Table(FuncRef);
        sig = args.Type(T(I32), T(I64));
        args.Func(T(), T(I64), c => c.I64Const(7).I32Const(0).CallIndirect(sig));
        args.Invalid("type mismatch");

        var index = new TestModule();
        index.Table(FuncRef);
        sig = index.Type(T(), T());
        index.Func(T(), T(), c => c.I64Const(0).CallIndirect(sig));
        index.Invalid("type mismatch");
    }

    [Fact]
    public void Call_indirect_needs_a_funcref_table()
    {
        var noTable = new TestModule();
        uint sig = noTable.Type(T(), T());
        noTable.Func(T(), T(), c => c.I32Const(0).CallIndirect(sig));
        noTable.Invalid("unknown table");

        var extern_ = new TestModule();
        extern_.Table(ExternRef);
        sig = extern_.Type(T(), T());
        extern_.Func(T(), T(), c => c.I32Const(0).CallIndirect(sig));
        extern_.Invalid("type mismatch");

        var unknownType = new TestModule();
        unknownType.Table(FuncRef);
        unknownType.Func(T(), T(), c => c.I32Const(0).CallIndirect(9));
        unknownType.Invalid("unknown type");

        var second = new TestModule();
        second.Table(ExternRef);
        second.Table(FuncRef);
        sig = second.Type(T(), T());
        second.Func(T(), T(), c => c.I32Const(0).CallIndirect(sig, 1));
        second.Valid();
    }

    [Fact]
    public void Table_copy_requires_equal_element_types()
    {
        var m = new TestModule();
        m.Table(FuncRef);
        m.Table(FuncRef);
        m.Func(T(), T(), c => c.I32Const(0).I32Const(0).I32Const(0).Op(Opcode.TableCopy).U32(0).U32(1));
        m.Valid();

        var bad = new TestModule();
        bad.Table(FuncRef);
        bad.Table(ExternRef);
        bad.Func(T(), T(), c => c.I32Const(0).I32Const(0).I32Const(0).Op(Opcode.TableCopy).U32(0).U32(1));
        bad.Invalid("type mismatch");

        var missing = new TestModule();
        missing.Table(FuncRef);
        missing.Func(T(), T(), c => c.I32Const(0).I32Const(0).I32Const(0).Op(Opcode.TableCopy).U32(0).U32(1));
        missing.Invalid("unknown table 1");
    }

    [Fact]
    public void Table_init_requires_matching_segment()
    {
        var m = new TestModule();
        m.Table(FuncRef);
        uint e = m.PassiveElem(FuncRef, c => c.RefNull(FuncRef));
        m.Func(T(), T(), c => c.I32Const(0).I32Const(0).I32Const(1).Op(Opcode.TableInit).U32(e).U32(0).Op(Opcode.ElemDrop).U32(e));
        m.Valid();

        var bad = new TestModule();
        bad.Table(ExternRef);
        e = bad.PassiveElem(FuncRef, c => c.RefNull(FuncRef));
        bad.Func(T(), T(), c => c.I32Const(0).I32Const(0).I32Const(1).Op(Opcode.TableInit).U32(e).U32(0));
        bad.Invalid("type mismatch");

        var noElem = new TestModule();
        noElem.Table(FuncRef);
        noElem.Func(T(), T(), c => c.I32Const(0).I32Const(0).I32Const(1).Op(Opcode.TableInit).U32(4).U32(0));
        noElem.Invalid("unknown elem segment 4");

        // The table is checked before the segment, as the spec tests expect.
        var noTable = new TestModule();
        noTable.PassiveElem(FuncRef, c => c.RefNull(FuncRef));
        noTable.Func(T(), T(), c => c.I32Const(0).I32Const(0).I32Const(1).Op(Opcode.TableInit).U32(4).U32(0));
        noTable.Invalid("unknown table 0");
    }

    [Fact]
    public void Elem_drop_of_unknown_segment() =>
        Assert.Equal("unknown elem segment 0", Body.Invalid("unknown elem segment", T(), T(), c => c.Op(Opcode.ElemDrop).U32(0)).Reason);

    [Fact]
    public void Table_limits()
    {
        var inverted = new TestModule();
        inverted.Table(FuncRef, 0xffff_ffff, 0);
        inverted.Invalid("size minimum must not be greater than maximum");

        var big = new TestModule();
        big.Table(FuncRef, 0x1_0000_0000);
        big.Invalid("table size must be at most 2^32-1");

        var ok = new TestModule();
        ok.Table(FuncRef, 0xffff_ffff, 0xffff_ffff);
        ok.Valid();
    }
}
