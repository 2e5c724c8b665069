using Kiln.Wasm.Instructions;
using static Kiln.Wasm.Model.ValType;
using static Kiln.Wasm.Tests.Validation.TestModule;

namespace Kiln.Wasm.Tests.Validation;

public class GlobalTests
{
    [Fact]
    public void Global_get_pushes_the_global_type()
    {
        var m = new TestModule();
        uint g = m.Global(F32);
        m.Func(T(), T(F32), c => c.GlobalGet(g));
        m.Valid();

        var bad = new TestModule();
        g = bad.Global(F32);
        bad.Func(T(), T(I32), c => c.GlobalGet(g));
        bad.Invalid("type mismatch");
    }

    [Fact]
    public void Imported_globals_come_first()
    {
        var m = new TestModule();
        m.ImportGlobal(I64);
        m.Global(F32);
        m.Func(T(), T(F32), c => c.GlobalGet(1));
        m.Valid();
    }

    [Fact]
    public void Unknown_global()
    {
        var m = new TestModule();
        m.ImportGlobal(I32);
        m.Global(I32);
        m.Func(T(), T(I32), c => c.GlobalGet(2));
        Assert.Equal("unknown global 2", m.Invalid("unknown global").Reason);

        var set = new TestModule();
        set.Func(T(), T(), c => c.I32Const(0).GlobalSet(0));
        set.Invalid("unknown global");
    }

    [Fact]
    public void Global_set_needs_a_mutable_global()
    {
        var m = new TestModule();
        uint g = m.Global(I32, mutable: true);
        m.Func(T(), T(), c => c.I32Const(0).GlobalSet(g));
        m.Valid();

        var bad = new TestModule();
        g = bad.Global(I32, mutable: false);
        bad.Func(T(), T(), c => c.I32Const(0).GlobalSet(g));
        bad.Invalid("global is immutable");

        var imported = new TestModule();
        g = imported.ImportGlobal(I32, mutable: false);
        imported.Func(T(), T(), c => c.I32Const(0).GlobalSet(g));
        imported.Invalid("global is immutable");
    }

    [Fact]
    public void Global_set_checks_the_value_type()
    {
        var m = new TestModule();
        uint g = m.Global(I64, mutable: true);
        m.Func(T(), T(), c => c.I32Const(0).GlobalSet(g));
        m.Invalid("type mismatch");
    }
}
