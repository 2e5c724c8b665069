using Kiln.Component.Model;
using Kiln.Component.Validation.Names;
using Kiln.Wasm.Model;
using static Kiln.Component.Tests.Validation.Build;

namespace Kiln.Component.Tests.Validation;

/// <summary>Import/export names: kebab case, annotated resource names, interface names, uniqueness.</summary>
public class NameTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("a-b-c", true)]
    [InlineData("ABC-def", true)]
    [InlineData("a0-000-3d4a-54FF", true)]
    [InlineData("aBc", false)]
    [InlineData("0a", false)]
    [InlineData("a-", false)]
    [InlineData("a--b", false)]
    [InlineData("", false)]
    public void KebabCaseIsLowerOrUpperWordsWithDigits(string s, bool ok) => Assert.Equal(ok, Kebab.IsKebab(s));

    [Theory]
    [InlineData("1.0.0", null)]
    [InlineData("0.0.0-abcd.1.2+efg.4.ee.5", null)]
    [InlineData("", "empty string")]
    [InlineData(".", "unexpected character '.' while parsing major version number")]
    [InlineData("1.", "unexpected end of input while parsing minor version number")]
    [InlineData("2.0x0", "unexpected character 'x' after minor version number")]
    [InlineData("2.0.0+", "empty identifier segment in build metadata")]
    [InlineData("01.0.0", "invalid leading zero in major version number")]
    public void SemverErrorsUseTheSemverCratesWords(string version, string? error)
    {
        var e = Semver.Check(version);
        if (error is null) Assert.Null(e);
        else Assert.Contains(error, e);
    }

    private static WasmComponent ImportsFuncs(params string[] names) => Comp(
        Types(Func()),
        Imports([.. names.Select(n => Import(n, FuncT(0)))]));

    [Fact]
    public void NamesAreStronglyUnique()
    {
        Valid(ImportsFuncs("a", "b", "wasi:http/types", "wasi:http/types@1.0.0"));
        Assert.Contains("import name `A` conflicts with previous name `a`", Invalid(ImportsFuncs("a", "A")));
        Assert.Contains("conflicts with previous name", Invalid(ImportsFuncs("wasi:http/types@1.0.0", "wasi:http/types@1.0.0")));
    }

    [Fact]
    public void BadNamesSayWhy()
    {
        Assert.Contains("`aBc` is not in kebab case", Invalid(ImportsFuncs("aBc")));
        Assert.Contains("is not a valid extern name", Invalid(ImportsFuncs("aBc")));
        Assert.Contains("expected `/` after package name", Invalid(ImportsFuncs("foo:bar:baz/qux")));
        Assert.Contains("trailing characters found: `/qux`", Invalid(ImportsFuncs("foo:bar/baz/qux")));
        Assert.Contains("unexpected character 'a'", Invalid(ImportsFuncs("a:b/c@a.2")));
        Assert.Contains("failed to find `.` character", Invalid(ImportsFuncs("[method]a")));
    }

    [Fact]
    public void ResourceFunctionNamesAreCheckedAgainstTheirResource()
    {
        // (import "r" (type (sub resource))) (type (borrow 0)) (type (func (param "self" 1)))
        WasmComponent Method(string name, string param = "self") => Comp(
            Imports(Import("r", SubResource)),
            Types(new BorrowType(0), Func((param, T(1)))),
            Imports(Import(name, FuncT(2))));
        Valid(Method("[method]r.m"));
        Assert.Contains("function does not match expected resource name `r`", Invalid(Method("[method]b.m")));
        Assert.Contains("function should have a first argument called `self`", Invalid(Method("[method]r.m", "this")));
        Assert.Contains("import name `[method]r.r` conflicts with previous name `r`", Invalid(Method("[method]r.r")));
        Assert.Contains("static resource name is not known in this context", Invalid(Comp(
            Types(Func()), Imports(Import("[static]x.y", FuncT(0))))));
    }

    [Fact]
    public void ConstructorsReturnAnOwnedHandle()
    {
        WasmComponent Ctor(bool own) => Comp(
            Imports(Import("r", SubResource)),
            Types(own ? new OwnType(0) : new PrimitiveDefinedType(PrimValType.U32), FuncResult(T(1))),
            Imports(Import("[constructor]r", FuncT(2))));
        Valid(Ctor(true));
        Assert.Contains("function should return `(own $T)` or `(result (own $T))`", Invalid(Ctor(false)));
    }

    [Fact]
    public void UrlNamesAreImportsOnlyAndImplementsNeedsAnInstance()
    {
        var c = Comp(
            Module("(module)"),
            Exports(Export("url=<a>", Sort.OfCore(CoreSort.Module), 0)));
        Assert.Contains("is not a valid export name", Invalid(c));
        var impl = Comp(
            Types(Func()),
            Imports(new ComponentImport(new ExternName("a") { Implements = "x:y/z" }, FuncT(0))));
        Assert.Contains("only instances can have an `implements`", Invalid(impl));
    }
}
