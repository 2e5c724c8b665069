using Kiln.Component.Model;
using static Kiln.Component.Tests.Validation.Build;

namespace Kiln.Component.Tests.Validation;

/// <summary>canon lift/lower: options, flattening against the core signature, and the built-ins.</summary>
public class CanonicalTests
{
    /// <summary>Core instance 0 of <see cref="Build.Libc"/> with core func 0 = "f", 1 = realloc, memory 0.</summary>
    private static ComponentSection[] Setup(string funcWat) =>
    [
        Libc(funcWat),
        CoreInstances(CoreInstantiate(0)),
        Aliases(Alias.CoreExport(CoreSort.Func, 0, "f"), Alias.CoreExport(CoreSort.Memory, 0, "mem"),
            Alias.CoreExport(CoreSort.Func, 0, "realloc")),
    ];

    private static WasmComponent LiftString(params CanonOption[] options) => Comp(
        [.. Setup("(func (export \"f\") (param i32 i32))"),
         Types(Func(("s", Str))),
         Canons(CanonicalFunction.Lift(0, 0, options)),
         Exports(Export("f", Sort.Func, 0))]);

    [Fact]
    public void LiftingAStringParameterNeedsMemoryAndRealloc()
    {
        Valid(LiftString(new CanonOption(CanonOptionKind.Memory, 0), new CanonOption(CanonOptionKind.Realloc, 1)));
        Assert.Contains("canonical option `memory` is required", Invalid(LiftString()));
        Assert.Contains("canonical option `realloc` is required", Invalid(LiftString(new CanonOption(CanonOptionKind.Memory, 0))));
    }

    [Fact]
    public void OptionsMayNotRepeatOrConflict()
    {
        var m = new CanonOption(CanonOptionKind.Memory, 0);
        var r = new CanonOption(CanonOptionKind.Realloc, 1);
        Assert.Contains("`memory` is specified more than once", Invalid(LiftString(m, m, r)));
        Assert.Contains("canonical option `realloc` is specified more than once", Invalid(LiftString(m, r, r)));
        Assert.Contains("canonical encoding option `utf8` conflicts with option `utf16`",
            Invalid(LiftString(new(CanonOptionKind.Utf8), new(CanonOptionKind.Utf16), m, r)));
        Assert.Contains("canonical option `realloc` requires `memory` to also be specified", Invalid(LiftString(r)));
    }

    [Fact]
    public void ReallocMustHaveTheCanonicalSignature()
    {
        // core func 0 ("f") is (i32 i32) -> (): not (i32 i32 i32 i32) -> i32.
        var c = LiftString(new CanonOption(CanonOptionKind.Memory, 0), new CanonOption(CanonOptionKind.Realloc, 0));
        Assert.Contains("canonical option `realloc` uses a core function with an incorrect signature", Invalid(c));
    }

    [Fact]
    public void LiftedCoreTypeMustMatchTheFlattenedSignature()
    {
        var c = Comp(
            [.. Setup("(func (export \"f\"))"),
             Types(Func(("x", U32))),
             Canons(CanonicalFunction.Lift(0, 0, []))]);
        Assert.Contains("lowered parameter types `[I32]` do not match parameter types `[]`", Invalid(c));

        var r = Comp(
            [.. Setup("(func (export \"f\"))"),
             Types(FuncResult(U32)),
             Canons(CanonicalFunction.Lift(0, 0, []))]);
        Assert.Contains("lowered result types `[I32]` do not match result types `[]`", Invalid(r));
    }

    [Fact]
    public void MoreThanSixteenFlatParametersPassThroughMemory()
    {
        // 17 u32 parameters flatten past MAX_FLAT_PARAMS: the lifted core function takes one pointer.
        var ps = Enumerable.Range(0, 17).Select(i => ($"p{i}", U32)).ToArray();
        WasmComponent Lift(string wat, params CanonOption[] o) => Comp(
            [.. Setup(wat), Types(Func(ps)), Canons(CanonicalFunction.Lift(0, 0, o))]);
        var m = new CanonOption(CanonOptionKind.Memory, 0);
        var r = new CanonOption(CanonOptionKind.Realloc, 1);
        Valid(Lift("(func (export \"f\") (param i32))", m, r));
        Assert.Contains("canonical option `memory` is required", Invalid(Lift("(func (export \"f\") (param i32))")));
        var sixteen = string.Join(' ', Enumerable.Repeat("i32", 17));
        Assert.Contains("do not match parameter types", Invalid(Lift($"(func (export \"f\") (param {sixteen}))", m, r)));
    }

    [Fact]
    public void PostReturnTakesTheLiftedResultsAndIsNotForLowerings()
    {
        var ok = Comp(
            [.. Setup("(func (export \"f\") (result i32) i32.const 0) (func (export \"pr\") (param i32))"),
             Aliases(Alias.CoreExport(CoreSort.Func, 0, "pr")),
             Types(FuncResult(U32)),
             Canons(CanonicalFunction.Lift(0, 0, [new(CanonOptionKind.PostReturn, 2)]))]);
        Valid(ok);

        var bad = Comp(
            [.. Setup("(func (export \"f\") (result i32) i32.const 0) (func (export \"pr\"))"),
             Aliases(Alias.CoreExport(CoreSort.Func, 0, "pr")),
             Types(FuncResult(U32)),
             Canons(CanonicalFunction.Lift(0, 0, [new(CanonOptionKind.PostReturn, 2)]))]);
        Assert.Contains("canonical option `post-return` uses a core function with an incorrect signature", Invalid(bad));

        var lower = Comp(
            Types(Func()),
            Imports(Import("g", FuncT(0))),
            Libc(),
            CoreInstances(CoreInstantiate(0)),
            Aliases(Alias.CoreExport(CoreSort.Func, 0, "realloc")),
            Canons(CanonicalFunction.Lower(0, [new(CanonOptionKind.PostReturn, 0)])));
        Assert.Contains("canonical option `post-return` cannot be specified for lowerings", Invalid(lower));
    }

    [Fact]
    public void LoweringAStringResultNeedsRealloc()
    {
        WasmComponent Lower(params CanonOption[] o) => Comp(
            Types(FuncResult(Str)),
            Imports(Import("g", FuncT(0))),
            Libc(),
            CoreInstances(CoreInstantiate(0)),
            Aliases(Alias.CoreExport(CoreSort.Memory, 0, "mem"), Alias.CoreExport(CoreSort.Func, 0, "realloc")),
            Canons(CanonicalFunction.Lower(0, o)));
        Valid(Lower(new CanonOption(CanonOptionKind.Memory, 0), new CanonOption(CanonOptionKind.Realloc, 0)));
        Assert.Contains("canonical option `realloc` is required", Invalid(Lower(new CanonOption(CanonOptionKind.Memory, 0))));
    }

    [Fact]
    public void AsyncOptionNeedsAnAsyncFunctionType()
    {
        var c = Comp(
            Types(Func()),
            Imports(Import("g", FuncT(0))),
            Canons(CanonicalFunction.Lower(0, [new(CanonOptionKind.Async)])));
        Assert.Contains("the `async` canonical option requires an async function type", Invalid(c));
        var ok = Comp(
            Types(new ComponentFuncType([], null, Async: true)),
            Imports(Import("g", FuncT(0))),
            Canons(CanonicalFunction.Lower(0, [new(CanonOptionKind.Async)])));
        Valid(ok);
    }

    [Fact]
    public void ResourceBuiltinsNeedALocalResourceForNewAndRep()
    {
        var imported = Comp(
            Imports(Import("r", SubResource)),
            Canons(new CanonicalFunction(CanonOp.ResourceNew) { TypeIndex = 0 }));
        Assert.Contains("type 0 is not a local resource", Invalid(imported));
        var drop = Comp(
            Imports(Import("r", SubResource)),
            Canons(new CanonicalFunction(CanonOp.ResourceDrop) { TypeIndex = 0 }));
        Valid(drop);
        var notResource = Comp(
            Types(new PrimitiveDefinedType(PrimValType.U32)),
            Canons(new CanonicalFunction(CanonOp.ResourceDrop) { TypeIndex = 0 }));
        Assert.Contains("type index 0 is not a resource type", Invalid(notResource));
        var local = Comp(
            Types(new ResourceTypeDefinition(Kiln.Wasm.Model.ValType.I32, null)),
            Canons(new CanonicalFunction(CanonOp.ResourceNew) { TypeIndex = 0 }, new CanonicalFunction(CanonOp.ResourceRep) { TypeIndex = 0 }));
        Valid(local);
    }

    [Fact]
    public void StreamBuiltinsNeedAStreamType()
    {
        var c = Comp(
            Types(new PrimitiveDefinedType(PrimValType.U32)),
            Canons(new CanonicalFunction(CanonOp.StreamNew) { TypeIndex = 0 }));
        Assert.Contains("`stream.new` requires a stream type", Invalid(c));
        var ok = Comp(
            Types(new StreamType(U32)),
            Canons(new CanonicalFunction(CanonOp.StreamNew) { TypeIndex = 0 }));
        Valid(ok);
        var chars = Comp(Types(new StreamType(ComponentValType.Of(PrimValType.Char))));
        Assert.Contains("`stream<char>` is not valid", Invalid(chars));
    }
}
