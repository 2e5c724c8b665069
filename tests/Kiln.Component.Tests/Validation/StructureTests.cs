using Kiln.Component.Model;
using Kiln.Wasm.Model;
using static Kiln.Component.Tests.Validation.Build;

namespace Kiln.Component.Tests.Validation;

/// <summary>Index spaces, aliases, defined types, instantiation, exports, start and values.</summary>
public class StructureTests
{
    [Fact]
    public void IndicesOutOfBoundsNameTheSpace()
    {
        Assert.Contains("unknown function 0: function index out of bounds", Invalid(Comp(Canons(CanonicalFunction.Lower(0, [])))));
        Assert.Contains("unknown type 3: type index out of bounds", Invalid(Comp(Imports(Import("f", FuncT(3))))));
        Assert.Contains("unknown module 0: module index out of bounds", Invalid(Comp(CoreInstances(CoreInstantiate(0)))));
        Assert.Contains("unknown core instance 0", Invalid(Comp(Aliases(Alias.CoreExport(CoreSort.Func, 0, "f")))));
        Assert.Contains("type index 0 is not a function type", Invalid(Comp(Types(new PrimitiveDefinedType(PrimValType.U8)), Imports(Import("f", FuncT(0))))));
    }

    [Fact]
    public void OuterAliasesReachOnlyEnclosingScopesAndNotTheirResources()
    {
        Assert.Contains("invalid outer alias count of 1", Invalid(Comp(Aliases(Alias.Outer(Sort.Type, 1, 0)))));
        Valid(Comp(Types(Func()), Nested(Aliases(Alias.Outer(Sort.Type, 1, 0)))));
        var resource = Comp(
            Types(new ResourceTypeDefinition(ValType.I32, null)),
            Nested(Aliases(Alias.Outer(Sort.Type, 1, 0))));
        Assert.Contains("transitively refers to resources not defined in the current component", Invalid(resource));
        // Inside a type (not a component) the enclosing component's resources are visible.
        var inType = Comp(
            Types(new ResourceTypeDefinition(ValType.I32, null),
                new InstanceTypeDefinition([new AliasDeclaration(Alias.Outer(Sort.Type, 1, 0))])));
        Valid(inType);
        var funcAlias = Comp(Types(new InstanceTypeDefinition([new AliasDeclaration(Alias.Outer(Sort.Func, 1, 0))])));
        Assert.Contains("may only refer to types or instances", Invalid(funcAlias));
    }

    [Fact]
    public void DefinedTypesHaveCasesAndUniqueLabels()
    {
        Assert.Contains("record type must have at least one field", Invalid(Comp(Types(new RecordType([])))));
        Assert.Contains("record field name `A-b-C-d` conflicts with previous field name `a-B-c-D`", Invalid(Comp(
            Types(new RecordType([new("a-B-c-D", U32), new("A-b-C-d", U32)])))));
        Assert.Contains("cannot have more than 32 flags", Invalid(Comp(
            Types(new FlagsType([.. Enumerable.Range(0, 33).Select(i => $"f{i}")])))));
        Assert.Contains("enum tag name `NevEr` is not in kebab case", Invalid(Comp(Types(new EnumType(["NevEr"])))));
        Assert.Contains("type index 0 is not a defined type", Invalid(Comp(Types(Func(), new ListType(T(0))))));
    }

    [Fact]
    public void InstantiationArgumentsAreCheckedBySubtyping()
    {
        var child = Nested(Types(Func(("x", U32))), Imports(Import("f", FuncT(0))));
        WasmComponent With(ComponentFuncType given, bool pass = true) => Comp(
            child,
            Types(given),
            Imports(Import("g", FuncT(0))),
            Instances(pass ? Instantiate(0, ("f", Sort.Func, 0)) : Instantiate(0)));
        Valid(With(Func(("x", U32))));
        Assert.Contains("missing import named `f`", Invalid(With(Func(("x", U32)), pass: false)));
        var e = Invalid(With(Func(("x", Str))));
        Assert.Contains("type mismatch for import `f`", e);
        Assert.Contains("type mismatch in function parameter `x`", e);
        Assert.Contains("expected primitive `u32` found primitive `string`", e);
        Assert.Contains("expected parameter named `x`, found `y`", Invalid(With(Func(("y", U32)))));
    }

    [Fact]
    public void CoreInstantiationMatchesTheModulesImports()
    {
        var m1 = Module("(module (import \"\" \"f\" (func)))");
        WasmComponent With(string m2) => Comp(
            m1, Module(m2),
            CoreInstances(CoreInstantiate(1), CoreInstantiate(0, ("", 0))));
        Valid(With("(module (func (export \"f\")))"));
        Assert.Contains("expected: (func)", Invalid(With("(module (func (export \"f\") (param i32)))")));
        Assert.Contains("does not export an item named `f`", Invalid(With("(module (func (export \"g\")))")));
        Assert.Contains("missing module instantiation argument named ``", Invalid(Comp(m1, CoreInstances(CoreInstantiate(0)))));
    }

    [Fact]
    public void AscribedExportTypesMustBeSupertypes()
    {
        var c = Comp(
            Types(Func(), Func(("x", U32))),
            Imports(Import("f", FuncT(0))),
            Exports(Export("g", Sort.Func, 0, FuncT(1))));
        var e = Invalid(c);
        Assert.Contains("ascribed type of export is not compatible", e);
        Assert.Contains("expected 1 parameters, found 0", e);
        Valid(Comp(Types(Func()), Imports(Import("f", FuncT(0))), Exports(Export("g", Sort.Func, 0, FuncT(0)))));
    }

    [Fact]
    public void ValuesAreUsedExactlyOnce()
    {
        var unused = Comp(Imports(Import("v", ExternType.OfValue(ValueBound.OfType(U32)))));
        Assert.Contains("value index 0 was not used", Invalid(unused));
        var used = Comp(Imports(Import("v", ExternType.OfValue(ValueBound.OfType(U32)))), Exports(Export("w", Sort.Value, 0)));
        Valid(used);
        var twice = Comp(Imports(Import("v", ExternType.OfValue(ValueBound.OfType(U32)))),
            Exports(Export("w", Sort.Value, 0), Export("x", Sort.Value, 0)));
        Assert.Contains("value 0 cannot be used more than once", Invalid(twice));
    }

    [Fact]
    public void StartFunctionsTakeTheirArgumentsAsValues()
    {
        var c = Comp(
            Types(Func(("x", U32))),
            Imports(Import("f", FuncT(0))),
            new StartSection(new ComponentStart(0, [], 0)));
        Assert.Contains("component start function requires 1 arguments but was given 0", Invalid(c));
    }

    [Fact]
    public void ValueDefinitionsDecodeAgainstTheirType()
    {
        var ok = new ValueSection();
        ok.Items.Add(new ComponentValue(ComponentValType.Of(PrimValType.Bool), new byte[] { 1 }));
        Valid(Comp(ok, Exports(Export("v", Sort.Value, 0))));
        var bad = new ValueSection();
        bad.Items.Add(new ComponentValue(ComponentValType.Of(PrimValType.Bool), new byte[] { 2 }));
        Assert.Contains("invalid boolean value", Invalid(Comp(bad, Exports(Export("v", Sort.Value, 0)))));
    }
}
