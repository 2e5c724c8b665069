using Kiln.Component.Linking;
using Kiln.Component.Wit.Resolution;

namespace Kiln.Component.Tests.Linking;

/// <summary>Every way wiring can fail is a <see cref="ComponentNewException"/> of its kind naming the import or
/// export and why.</summary>
public sealed class ComponentNewErrorTests
{
    private const string Wit = """
        package test:err@1.0.0;
        interface host { log: func(msg: string); tick: func() -> u32; }
        world w { import host; export run: func() -> u32; }
        """;

    private static byte[] Embedded(string wat) =>
        ComponentTypeMetadata.Embed(LinkingModules.Binary(wat), WitPackageLoader.ParseText(Wit, "err.wit").SelectWorld("w"));

    private static ComponentNewException Fails(byte[] program, params AdapterInput[] adapters) =>
        Assert.Throws<ComponentNewException>(() => ComponentNew.Build(program, adapters));

    private const string Run = """(func (export "run") (result i32) (i32.const 0))""";

    [Fact]
    public void AFunctionTheAdapterDoesNotExport()
    {
        var program = Embedded($$"""(module (import "ad" "nope" (func)) (memory (export "memory") 1) {{Run}})""");
        var e = Fails(program, new AdapterInput("ad", LinkingModules.Binary("""(module (func (export "yes")))""")));
        Assert.Equal(ComponentNewErrorKind.MissingAdapterExport, e.Kind);
        Assert.Contains("`ad::nope`", e.Message);
    }

    [Fact]
    public void AModuleThatIsNeitherAnInterfaceNorAnAdapter()
    {
        var e = Fails(Embedded($$"""(module (import "test:err/other@1.0.0" "f" (func)) {{Run}})"""));
        Assert.Equal(ComponentNewErrorKind.UnknownInterface, e.Kind);
        Assert.Contains("test:err/other@1.0.0", e.Message);
        Assert.Contains("test:err/host@1.0.0", e.Message); // what the world does import
    }

    [Fact]
    public void AFunctionTheInterfaceDoesNotHave()
    {
        var e = Fails(Embedded($$"""(module (import "test:err/host@1.0.0" "tock" (func (result i32))) {{Run}})"""));
        Assert.Equal(ComponentNewErrorKind.UnknownFunction, e.Kind);
        Assert.Contains("tock", e.Message);
    }

    [Fact]
    public void ACoreSignatureThatIsNotTheWorldsLowering()
    {
        var e = Fails(Embedded($$"""(module (import "test:err/host@1.0.0" "log" (func (param i32))) (memory (export "memory") 1) {{Run}})"""));
        Assert.Equal(ComponentNewErrorKind.TypeMismatch, e.Kind);
        Assert.Contains("[i32 i32]", e.Message); // the string's pointer and length
    }

    [Fact]
    public void AnExportWithNoCoreFunction()
    {
        var e = Fails(Embedded("(module)"));
        Assert.Equal(ComponentNewErrorKind.MissingExport, e.Kind);
        Assert.Contains("`run`", e.Message);
    }

    [Fact]
    public void AStringWithoutMemory()
    {
        var e = Fails(Embedded($$"""(module (import "test:err/host@1.0.0" "log" (func (param i32 i32))) {{Run}})"""));
        Assert.Equal(ComponentNewErrorKind.MissingMemoryOrRealloc, e.Kind);
        Assert.Contains("memory", e.Message);
    }

    [Fact]
    public void AnAdapterNeedingAProgramExportThatIsMissing()
    {
        var program = Embedded($$"""(module (import "ad" "f" (func)) (memory (export "memory") 1) {{Run}})""");
        var adapter = LinkingModules.Binary("""(module (import "__main_module__" "needed" (func $n)) (func (export "f") (call $n)))""");
        var e = Fails(program, new AdapterInput("ad", adapter));
        Assert.Equal(ComponentNewErrorKind.MissingMainExport, e.Kind);
        Assert.Contains("`__main_module__::needed`", e.Message);
    }

    [Fact]
    public void AnAdapterWithStateButNoStackPointer()
    {
        var program = Embedded($$"""(module (import "ad" "f" (func)) (memory (export "memory") 1) {{Run}})""");
        var adapter = LinkingModules.Binary("""(module (global $x (mut i32) (i32.const 0)) (func (export "f") (global.set $x (i32.const 1))))""");
        var e = Fails(program, new AdapterInput("ad", adapter));
        Assert.Equal(ComponentNewErrorKind.NoStackPointer, e.Kind);
        Assert.Contains("adapter `ad`", e.Message);
    }

    [Fact]
    public void MetadataThatIsNotAComponent()
    {
        var module = LinkingModules.Binary("(module)");
        var bytes = new List<byte>(module) { 0, 19 };
        bytes.AddRange([14, .. "component-type"u8]);
        bytes.AddRange([1, 2, 3, 4]);
        var e = Fails([.. bytes]);
        Assert.Equal(ComponentNewErrorKind.BadMetadata, e.Kind);
        Assert.Contains("component-type", e.Message);
    }

    [Fact]
    public void TheSameAdapterNameTwice()
    {
        var adapter = new AdapterInput("ad", LinkingModules.Binary("(module)"));
        var e = Fails(Embedded($$"""(module {{Run}})"""), adapter, adapter);
        Assert.Equal(ComponentNewErrorKind.Duplicate, e.Kind);
    }
}
