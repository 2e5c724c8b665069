using Kiln.Wasm.Model;
using static Kiln.Wasm.Model.ValType;
using static Kiln.Wasm.Tests.Validation.TestModule;

namespace Kiln.Wasm.Tests.Validation;

public class ModuleTests
{
    [Fact]
    public void Empty_module_is_valid() => new TestModule().Valid();

    [Fact]
    public void Start_function_must_be_nullary_and_return_nothing()
    {
        var m = new TestModule();
        m.Module.Start = m.Func(T(), T(), _ => { });
        m.Valid();

        var result = new TestModule();
        result.Module.Start = result.Func(T(), T(I32), c => c.I32Const(0));
        result.Invalid("start function");

        var param = new TestModule();
        param.Module.Start = param.Func(T(I32), T(), _ => { });
        param.Invalid("start function");

        var unknown = new TestModule();
        unknown.Module.Start = 3;
        unknown.Invalid("unknown function");
    }

    [Fact]
    public void Start_may_be_an_import()
    {
        var m = new TestModule();
        m.Module.Start = m.ImportFunc(T(), T());
        m.Valid();
    }

    [Fact]
    public void Export_names_must_be_unique()
    {
        var m = new TestModule();
        uint f = m.Func(T(), T(), _ => { });
        m.Global(I32);
        m.Export("a", ExternalKind.Func, f);
        m.Export("b", ExternalKind.Global, 0);
        m.Valid();

        var dup = new TestModule();
        f = dup.Func(T(), T(), _ => { });
        dup.Global(I32);
        dup.Export("a", ExternalKind.Func, f);
        dup.Export("a", ExternalKind.Global, 0);
        dup.Invalid("duplicate export name");
    }

    [Theory]
    [InlineData(ExternalKind.Func, "unknown function")]
    [InlineData(ExternalKind.Table, "unknown table")]
    [InlineData(ExternalKind.Memory, "unknown memory")]
    [InlineData(ExternalKind.Global, "unknown global")]
    public void Exported_item_must_exist(ExternalKind kind, string reason)
    {
        var m = new TestModule();
        m.Export("x", kind, 0);
        m.Invalid(reason);

        var ok = new TestModule();
        switch (kind)
        {
            case ExternalKind.Func: ok.Func(T(), T(), _ => { }); break;
            case ExternalKind.Table: ok.Table(); break;
            case ExternalKind.Memory: ok.Memory(); break;
            default: ok.Global(I32); break;
        }
        ok.Export("x", kind, 0);
        ok.Valid();
    }

    [Fact]
    public void Function_type_index_must_exist()
    {
        var m = new TestModule();
        m.RawFunc(5, [0x0B]);
        m.Invalid("unknown type");

        var import = new TestModule();
        import.Module.Imports.Add(new Import("m", "f", ExternalKind.Func) { FuncTypeIndex = 1 });
        import.Module.CountImports();
        import.Invalid("unknown type");
    }

    [Fact]
    public void Function_and_code_counts_must_agree()
    {
        var m = new TestModule();
        m.Func(T(), T(), _ => { });
        m.Module.Functions.Add(0);
        m.Invalid("function and code section have inconsistent lengths");
    }

    [Fact]
    public void Imported_functions_shift_defined_indices()
    {
        var m = new TestModule();
        uint imp = m.ImportFunc(T(I32), T());
        uint def = m.Func(T(), T(), c => c.I32Const(1).Call(imp));
        Assert.Equal(1u, def);
        m.Func(T(), T(), c => c.Call(def));
        m.Valid();
    }

    [Fact]
    public void Imports_are_indexed_even_if_the_builder_forgot()
    {
        var m = new TestModule();
        m.Module.Imports.Add(new Import("m", "g", ExternalKind.Global) { Global = new GlobalType(I64, false) });
        // No CountImports() call: the validator re-indexes.
        m.Func(T(), T(I64), c => c.GlobalGet(0));
        m.Valid();
    }
}
