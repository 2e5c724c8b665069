using Kiln.Component.Model;
using Kiln.Wasm.Model;
using static Kiln.Component.Tests.Validation.Build;

namespace Kiln.Component.Tests.Validation;

/// <summary>Subtyping at instantiation: instances by width, components both ways, modules against module types.</summary>
public class SubtypingTests
{
    private static InstanceTypeDefinition InstanceExporting(params string[] funcs) =>
        new([new TypeDefinitionDeclaration(Func()), .. funcs.Select(f => (TypeDeclaration)new ExportDeclaration(new ExternName(f), FuncT(0)))]);

    [Fact]
    public void AnInstanceMayExportMoreThanRequiredButNotLess()
    {
        // child imports (instance (export "a" (func))); we pass instances exporting a+b, or only b.
        WasmComponent With(params string[] given) => Comp(
            Nested(Types(InstanceExporting("a")), Imports(Import("i", InstanceT(0)))),
            Types(InstanceExporting(given)),
            Imports(Import("x", InstanceT(0))),
            Instances(Instantiate(0, ("i", Sort.Instance, 0))));
        Valid(With("a", "b"));
        var e = Invalid(With("b"));
        Assert.Contains("type mismatch for import `i`", e);
        Assert.Contains("missing expected export `a`", e);
    }

    [Fact]
    public void ComponentArgumentsAreCheckedImportsContravariantlyExportsCovariantly()
    {
        // child imports (component (export "f" (func))); an argument component exporting f is fine,
        // one that also needs an import the child will not give is not.
        var required = new ComponentTypeDefinition([new TypeDefinitionDeclaration(Func()), new ExportDeclaration(new ExternName("f"), FuncT(0))]);
        var needsImport = new ComponentTypeDefinition([
            new TypeDefinitionDeclaration(Func()),
            new ImportDeclaration(new ExternName("extra"), FuncT(0)),
            new ExportDeclaration(new ExternName("f"), FuncT(0))]);
        var exportsF = new ComponentTypeDefinition([new TypeDefinitionDeclaration(Func()), new ExportDeclaration(new ExternName("f"), FuncT(0))]);
        WasmComponent With(ComponentTypeDefinition given) => Comp(
            Nested(Types(required), Imports(Import("c", ComponentT(0)))),
            Types(given),
            Imports(Import("x", ComponentT(0))),
            Instances(Instantiate(0, ("c", Sort.Component, 1))));
        Valid(With(exportsF));
        Assert.Contains("missing import named `extra`", Invalid(With(needsImport)));
    }

    [Fact]
    public void ModulesAreCheckedAgainstModuleTypes()
    {
        // child imports (core module (import "" "f" (func)) (export "g" (func)))
        var mt = new CoreModuleTypeDefinition([
            new ModuleTypeDefinitionDeclaration(new CoreFuncTypeDefinition(FuncType.Empty)),
            new ModuleImportDeclaration("", "f", new CoreExternType(CoreSort.Func) { TypeIndex = 0 }),
            new ModuleExportDeclaration("g", new CoreExternType(CoreSort.Func) { TypeIndex = 0 })]);
        WasmComponent With(string wat) => Comp(
            Nested(CoreTypes(mt), Imports(Import("m", new ExternType(ExternKind.Module, 0)))),
            Module(wat),
            Instances(Instantiate(0, ("m", Sort.OfCore(CoreSort.Module), 0))));
        Valid(With("(module (func (export \"g\")))"));                                    // importing less is fine
        Valid(With("(module (import \"\" \"f\" (func)) (func (export \"g\")) (func (export \"h\")))"));
        Assert.Contains("missing expected export `g`", Invalid(With("(module)")));
        Assert.Contains("missing expected import `::h`", Invalid(With("(module (import \"\" \"h\" (func)) (func (export \"g\")))")));
        Assert.Contains("type mismatch in export `g`", Invalid(With("(module (func (export \"g\") (param i32)))")));
    }

    [Fact]
    public void CoreInstantiationChecksLimitsAndGlobals()
    {
        WasmComponent With(string importer, string exporter) => Comp(
            Module(importer), Module(exporter),
            CoreInstances(CoreInstantiate(1), CoreInstantiate(0, ("", 0))));
        Valid(With("(module (import \"\" \"m\" (memory 1)))", "(module (memory (export \"m\") 2))"));
        Assert.Contains("mismatch in memory limits", Invalid(With("(module (import \"\" \"m\" (memory 2)))", "(module (memory (export \"m\") 1))")));
        Assert.Contains("expected global type i32, found i64", Invalid(With(
            "(module (import \"\" \"g\" (global i32)))", "(module (global (export \"g\") i64 (i64.const 0)))")));
        Assert.Contains("expected global, found func", Invalid(With("(module (import \"\" \"g\" (global i32)))", "(module (func (export \"g\")))")));
    }

    [Fact]
    public void ModuleTypesHaveTheirOwnTypeSpaceAndReachOutByOuterAlias()
    {
        var aliasing = new CoreModuleTypeDefinition([
            new ModuleOuterAliasDeclaration(1, 0),
            new ModuleImportDeclaration("", "f", new CoreExternType(CoreSort.Func) { TypeIndex = 0 })]);
        Valid(Comp(CoreTypes(new CoreFuncTypeDefinition(FuncType.Empty), aliasing)));
        var noType = new CoreModuleTypeDefinition([new ModuleImportDeclaration("", "f", new CoreExternType(CoreSort.Func) { TypeIndex = 0 })]);
        Assert.Contains("unknown type 0: type index out of bounds", Invalid(Comp(CoreTypes(new CoreFuncTypeDefinition(FuncType.Empty), noType))));
        var tooFar = new CoreModuleTypeDefinition([new ModuleOuterAliasDeclaration(2, 0)]);
        Assert.Contains("invalid outer alias count of 1", Invalid(Comp(CoreTypes(tooFar))));
    }

    /// <summary>Instantiation substitutes the arguments for a component's type imports: the child's export
    /// "g" takes (own t), and after instantiating with t := R it is a function of (own R), which an export
    /// may ascribe; binding t to another resource makes the function argument itself mismatch.</summary>
    [Fact]
    public void InstantiationSubstitutesTypeImportsInExports()
    {
        var child = Nested(
            Imports(Import("t", SubResource)),
            Types(new OwnType(0), Func(("x", T(1)))),
            Imports(Import("f", FuncT(2))),
            Exports(Export("g", Sort.Func, 0)));
        WasmComponent With(uint t) => Comp(
            Types(new ResourceTypeDefinition(ValType.I32, null), new ResourceTypeDefinition(ValType.I32, null)),
            Exports(Export("r", Sort.Type, 0)),
            Types(new OwnType(2), Func(("x", T(3)))),
            Module("(module (func (export \"c\") (param i32)))"),
            CoreInstances(CoreInstantiate(0)),
            Aliases(Alias.CoreExport(CoreSort.Func, 0, "c")),
            Canons(CanonicalFunction.Lift(0, 4, [])),
            child,
            Instances(Instantiate(0, ("t", Sort.Type, t), ("f", Sort.Func, 0))),
            Aliases(Alias.Export(Sort.Func, 0, "g")),
            Exports(Export("h", Sort.Func, 1, FuncT(4))));
        Valid(With(0));
        var e = Invalid(With(1));
        Assert.Contains("type mismatch for import `f`", e);
        Assert.Contains("resource types are not the same", e);
    }
}
