using Kiln.Component.Wit;
using Kiln.Component.Wit.Model;
using Kiln.Component.Wit.Resolution;

namespace Kiln.Component.Tests.Wit;

public class WitResolverTests
{
    private static WitResolve Resolve(string text, WitFeatures? features = null) => WitPackageLoader.ParseText(text, "t.wit", features);

    private static WitException Error(string text)
    {
        var e = Assert.Throws<WitException>(() => Resolve(text));
        return e;
    }

    private static void AssertErrorAt(string text, WitErrorKind kind, int line, int column)
    {
        var e = Error(text);
        Assert.True(e.Kind == kind, $"expected {kind}, got {e.Kind}: {e.Message}");
        Assert.Equal(("t.wit", line, column), (e.Location!.Value.File, e.Location.Value.Line, e.Location.Value.Column));
        Assert.StartsWith($"t.wit:{line}:{column}: ", e.Message);
    }

    [Fact]
    public void EverythingResolves()
    {
        var r = Resolve(WitTestSources.Everything);
        var pkg = r.Main!;
        Assert.Equal("test:all@1.2.3", pkg.Name.ToString());
        Assert.Equal("The package.", pkg.Docs);
        var types = pkg.Interfaces["types"];
        Assert.Equal("Types of every kind.", types.Docs);
        Assert.IsType<WitRecordKind>(types.Types["point"].Kind);
        Assert.Equal(new WitFixedListKind(WitType.Of(WitPrimitive.U8), 4), types.Types["quad"].Kind);
        Assert.Equal(["[constructor]blob", "[method]blob.write", "[static]blob.merge", "[method]blob.wait", "[constructor]fallible",
            "new-thing", "old-thing", "area", "fetch"], types.Functions.Keys);
        var write = types.Functions["[method]blob.write"];
        Assert.Equal("self", write.Params[0].Name);
        Assert.Equal(new WitHandleKind(true, types.Types["blob"]), write.Params[0].Type.Def!.Kind);
        Assert.True(types.Functions["[method]blob.wait"].Async);
        Assert.Equal(new WitVersion(1, 0, 0), types.Functions["old-thing"].Stability.Since);
        Assert.Equal(new WitVersion(1, 2, 0), types.Functions["old-thing"].Stability.Deprecated);
        // `use types.{blob as handle}`: an alias owned by `user` whose target is the resource.
        var handle = pkg.Interfaces["user"].Types["handle"];
        Assert.Same(types.Types["blob"], handle.Underlying());
        Assert.Same(pkg.Interfaces["user"], handle.Owner);
    }

    [Fact]
    public void UnstableItemsAreLeftOutUnlessTheirFeatureIsEnabled()
    {
        Assert.False(Resolve(WitTestSources.Everything).Main!.Interfaces["types"].Functions.ContainsKey("shiny-thing"));
        var on = new WitFeatures();
        on.Enabled.Add("shiny");
        Assert.True(Resolve(WitTestSources.Everything, on).Main!.Interfaces["types"].Functions.ContainsKey("shiny-thing"));
        Assert.True(Resolve(WitTestSources.Everything, new WitFeatures { All = true }).Main!.Interfaces["types"].Functions.ContainsKey("shiny-thing"));
    }

    [Fact]
    public void IncludeMergesRenamedItemsAndElaborationImportsDependencies()
    {
        var world = Resolve(WitTestSources.Everything).Main!.Worlds["all"];
        var imports = world.Imports.Keys.Select(k => k.ExternName).ToList();
        // `user` uses `types`, so `types` is imported before it; `go` from `base` is renamed `start` and is an export.
        Assert.True(imports.IndexOf("test:all/types@1.2.3") < imports.IndexOf("test:all/user@1.2.3"));
        Assert.Contains("logger", imports);
        Assert.Equal(["run", "start", "test:all/types@1.2.3"], world.Exports.Keys.Select(k => k.ExternName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TypesMayBeUsedBeforeTheirDefinitionAndAreOrderedAfterTheirDependencies()
    {
        var iface = Resolve("package a:b; interface i { type foo = bar; record bar { x: u32 } }").Main!.Interfaces["i"];
        Assert.Equal(["bar", "foo"], iface.Types.Keys);
    }

    [Fact] public void UnknownTypeNameIsReportedWhereItIsUsed() =>
        AssertErrorAt("package a:b;\ninterface i {\n  f: func(x: nope);\n}", WitErrorKind.UnknownName, 3, 14);

    [Fact] public void DuplicateTypeIsReportedAtTheSecondDefinition() =>
        AssertErrorAt("package a:b;\ninterface i {\n  type t = u32;\n  type t = u64;\n}", WitErrorKind.Duplicate, 4, 3);

    [Fact] public void DuplicateFunctionIsAnError() =>
        AssertErrorAt("package a:b;\ninterface i {\n  f: func();\n  f: func();\n}", WitErrorKind.Duplicate, 4, 3);

    [Fact] public void DuplicateInterfaceIsAnError() =>
        AssertErrorAt("package a:b;\ninterface i {}\ninterface i {}", WitErrorKind.Duplicate, 3, 1);

    [Fact] public void DuplicateRecordFieldIsAnError() =>
        AssertErrorAt("package a:b;\ninterface i {\n  record r { a: u8, a: u8 }\n}", WitErrorKind.Duplicate, 3, 21);

    [Fact] public void TypeReferringToItselfIsACycle() =>
        AssertErrorAt("package a:b;\ninterface i {\n  type foo = foo;\n}", WitErrorKind.Cycle, 3, 3);

    [Fact] public void RecordsReferringToEachOtherAreACycle()
    {
        var e = Error("package a:b;\ninterface i {\n  record bar1 { a: bar2 }\n  record bar2 { a: list<bar1> }\n}");
        Assert.Equal(WitErrorKind.Cycle, e.Kind);
    }

    [Fact] public void InterfacesUsingEachOtherAreACycle()
    {
        var e = Error("package a:b;\ninterface x { use y.{t}; type u = u8; }\ninterface y { use x.{u}; type t = u8; }");
        Assert.Equal(WitErrorKind.Cycle, e.Kind);
        Assert.Contains("depends on itself", e.Reason);
    }

    [Fact] public void WorldIncludingItselfIsACycle() =>
        Assert.Equal(WitErrorKind.Cycle, Error("package a:b; world w { include v; } world v { include w; }").Kind);

    [Fact] public void MissingPackageIsReportedAtTheUse() =>
        AssertErrorAt("package a:b;\ninterface i {\n  use wasi:io/streams@0.2.0.{input-stream};\n}", WitErrorKind.MissingPackage, 3, 7);

    [Fact] public void UnknownTypeInAUseNamesTheInterface()
    {
        var e = Error("package a:b;\ninterface x { type t = u8; }\ninterface i {\n  use x.{nope};\n}");
        Assert.Equal(WitErrorKind.UnknownName, e.Kind);
        Assert.Equal(4, e.Location!.Value.Line);
    }

    [Fact] public void BadSemverIsABadVersion() =>
        AssertErrorAt("package a:b@1.02.3;", WitErrorKind.BadVersion, 1, 13);

    [Fact] public void SinceNeedsAVersionedPackage() =>
        Assert.Equal(WitErrorKind.Invalid, Error("package a:b;\n@since(version = 1.0.0)\ninterface i {}").Kind);

    [Fact] public void SinceAndUnstableTogetherAreInvalid() =>
        Assert.Equal(WitErrorKind.Invalid, Error("package a:b@1.0.0;\ninterface i {\n  @since(version = 1.0.0)\n  @unstable(feature = x)\n  f: func();\n}").Kind);

    [Fact] public void HandleToANonResourceIsInvalid() =>
        AssertErrorAt("package a:b;\ninterface i {\n  type t = u8;\n  f: func(x: borrow<t>);\n}", WitErrorKind.Invalid, 4, 14);

    [Fact] public void ConstructorResultMustBeTheResource() =>
        Assert.Equal(WitErrorKind.Invalid, Error("package a:b;\ninterface i {\n  resource r { constructor() -> result<u8>; }\n}").Kind);

    [Fact] public void IncludeWithAnUnknownNameIsAnError() =>
        AssertErrorAt("package a:b;\nworld v { import f: func(); }\nworld w {\n  include v with { g as h }\n}", WitErrorKind.UnknownName, 4, 20);

    [Fact] public void IncludeNameConflictIsADuplicate() =>
        Assert.Equal(WitErrorKind.Duplicate, Error("package a:b;\nworld v { import f: func(); }\nworld w {\n  import f: func(x: u8);\n  include v;\n}").Kind);

    [Fact] public void SyntaxErrorSaysWhatWasExpected()
    {
        var e = Error("package a:b;\ninterface i {\n  f: func()\n}");
        Assert.Equal(WitErrorKind.Syntax, e.Kind);
        Assert.Equal("expected `;`, found `}`", e.Reason);
        Assert.Equal((4, 1), (e.Location!.Value.Line, e.Location.Value.Column));
    }

    [Fact] public void ItemsWithoutAPackageHeaderAreAnError() =>
        Assert.Equal(WitErrorKind.Syntax, Error("interface i {}").Kind);

    [Fact]
    public void NestedPackagesResolveAgainstEachOtherWithOrWithoutVersion()
    {
        var r = Resolve("""
            package a:main;
            interface i { use dep:x/types.{t}; f: func() -> t; }
            world w { import dep:x/types@1.0.0; }
            package dep:x@1.0.0 { interface types { type t = u32; } }
            """);
        Assert.Equal("a:main", r.Main!.Name.ToString());
        Assert.Equal(2, r.Packages.Count);
        Assert.Same(r.Packages[0], r.Main.Interfaces["i"].Dependencies().Single().Package);
    }

    [Fact]
    public void ImportWithAPlainNameAndAnInterfacePathKeepsBoth()
    {
        var w = Resolve("package a:b; interface store { get: func() -> u8; } world w { import one: store; import two: store; import a:b/store; }")
            .Main!.Worlds["w"];
        Assert.Equal(["one", "two", "a:b/store"], w.Imports.Keys.Select(k => k.ExternName));
    }
}
