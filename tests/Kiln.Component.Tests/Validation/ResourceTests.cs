using Kiln.Component.Model;
using Kiln.Wasm.Model;
using static Kiln.Component.Tests.Validation.Build;

namespace Kiln.Component.Tests.Validation;

/// <summary>Resource types: where they may be defined, their destructors, handles, and freshness.</summary>
public class ResourceTests
{
    [Fact]
    public void ResourcesAreNotDefinedInsideTypes()
    {
        var c = Comp(Types(new InstanceTypeDefinition([new TypeDefinitionDeclaration(new ResourceTypeDefinition(ValType.I32, null))])));
        Assert.Contains("resources can only be defined within a concrete component", Invalid(c));
    }

    [Fact]
    public void DestructorTakesTheRepresentation()
    {
        WasmComponent With(string wat) => Comp(
            Module($"(module {wat})"),
            CoreInstances(CoreInstantiate(0)),
            Aliases(Alias.CoreExport(CoreSort.Func, 0, "d")),
            Types(new ResourceTypeDefinition(ValType.I32, 0)));
        Valid(With("(func (export \"d\") (param i32))"));
        Assert.Contains("wrong signature for a destructor", Invalid(With("(func (export \"d\") (param i64))")));
        var rep = Comp(Types(new ResourceTypeDefinition(ValType.F32, null)));
        Assert.Contains("resources can only be represented by `i32`", Invalid(rep));
    }

    [Fact]
    public void HandlesPointAtResourcesAndBorrowsStayOutOfResults()
    {
        var own = Comp(Types(new PrimitiveDefinedType(PrimValType.U8), new OwnType(0)));
        Assert.Contains("type index 0 is not a resource type", Invalid(own));
        var borrowResult = Comp(
            Imports(Import("r", SubResource)),
            Types(new BorrowType(0), FuncResult(T(1))));
        Assert.Contains("function result cannot contain a `borrow` type", Invalid(borrowResult));
        var nested = Comp(
            Imports(Import("r", SubResource)),
            Types(new BorrowType(0), new OptionType(T(1)), FuncResult(T(2))));
        Assert.Contains("function result cannot contain a `borrow` type", Invalid(nested));
    }

    /// <summary>Two instances of one component that defines and exports a resource have distinct resource
    /// types: one instance's resource cannot stand where a type import is bound to the other's.</summary>
    [Fact]
    public void EachInstantiationDefinesFreshResources()
    {
        var inner = Nested(
            Types(new ResourceTypeDefinition(ValType.I32, null)),
            Exports(Export("r", Sort.Type, 0)));
        // Consumer: imports a resource "r" and "r2" = (eq r).
        var consumer = Nested(
            Imports(Import("r", SubResource)),
            Imports(Import("r2", TypeEq(0))));
        WasmComponent Outer(uint second) => Comp(
            inner, consumer,
            Instances(Instantiate(0), Instantiate(0)),
            Aliases(Alias.Export(Sort.Type, 0, "r"), Alias.Export(Sort.Type, 1, "r")),
            Instances(Instantiate(1, ("r", Sort.Type, 0), ("r2", Sort.Type, second))));
        Valid(Outer(0));
        Assert.Contains("resource types are not the same", Invalid(Outer(1)));
    }

    [Fact]
    public void ImportedInstanceTypesGetFreshResourcesPerImport()
    {
        // (type $i (instance (export "r" (type (sub resource)))))  imported twice: the two "r"s differ.
        var itype = new InstanceTypeDefinition([new ExportDeclaration(new ExternName("r"), SubResource)]);
        var consumer = Nested(
            Imports(Import("r", SubResource)),
            Imports(Import("r2", TypeEq(0))));
        WasmComponent Outer(uint second) => Comp(
            Types(itype),
            Imports(Import("a", InstanceT(0)), Import("b", InstanceT(0))),
            Aliases(Alias.Export(Sort.Type, 0, "r"), Alias.Export(Sort.Type, 1, "r")),
            consumer,
            Instances(Instantiate(0, ("r", Sort.Type, 1), ("r2", Sort.Type, second))));
        Valid(Outer(1));
        Assert.Contains("resource types are not the same", Invalid(Outer(2)));
    }

    [Fact]
    public void ExportedFunctionsMayOnlyUseExportedResources()
    {
        WasmComponent With(bool exportResourceFirst)
        {
            uint r = exportResourceFirst ? 1u : 0u;
            return Comp(
                [Module("(module (func (export \"f\") (result i32) i32.const 0))"),
                 CoreInstances(CoreInstantiate(0)),
                 Aliases(Alias.CoreExport(CoreSort.Func, 0, "f")),
                 Types(new ResourceTypeDefinition(ValType.I32, null)),
                 .. exportResourceFirst ? new ComponentSection[] { Exports(Export("r", Sort.Type, 0)) } : [],
                 Types(new OwnType(r), FuncResult(T(r + 1))),
                 Canons(CanonicalFunction.Lift(0, r + 2, [])),
                 Exports(Export("g", Sort.Func, 0))]);
        }
        Valid(With(true));
        Assert.Contains("func not valid to be used as export", Invalid(With(false)));
    }
}
