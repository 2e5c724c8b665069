using Kiln.Component.Binary;
using Kiln.Component.Linking;
using Kiln.Component.Model;
using Kiln.Component.Wit.Resolution;
using Kiln.Component.Tests.Wit;

namespace Kiln.Component.Tests.Linking;

/// <summary><c>component embed</c> against wasm-tools (jco): the section's component is jco's byte for byte (jco
/// adds a producers section naming itself, left out of the comparison), and jco's <c>component new</c> reads
/// Kiln's embedding into the same component type as Kiln's own <c>component new</c>.</summary>
public sealed class ComponentEmbedTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), $"kiln-embed-{Environment.ProcessId}-{Guid.NewGuid():N}");

    public ComponentEmbedTests() => Directory.CreateDirectory(_work);

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private const string Wit = """
        package test:app@0.1.0;

        interface host {
          record point { x: s32, y: s32 }
          resource counter {
            constructor(start: u32);
            add: func(n: u32) -> u32;
          }
          log: func(msg: string);
          names: func() -> list<string>;
          shift: func(p: point, d: s32) -> point;
        }

        interface api {
          use host.{point};
          greet: func(name: string) -> string;
          moved: func(p: point) -> point;
        }

        interface things {
          resource thing {
            constructor(v: u32);
            get: func() -> u32;
          }
        }

        world app {
          import host;
          export api;
          export things;
          export run: func() -> u32;
        }
        """;

    private static byte[] WithoutProducers(byte[] component)
    {
        var c = ComponentDecoder.Decode(component);
        c.Sections.RemoveAll(s => s is CustomComponentSection { Custom.Name: "producers" });
        return ComponentEncoder.Encode(c);
    }

    [Theory]
    [InlineData("app")]
    [InlineData("all")]
    [InlineData("base")]
    public void TheSectionIsWasmToolsEmbeddingByteForByte(string world)
    {
        string source = world == "app" ? Wit : WitTestSources.Everything;
        string file = Path.Combine(_work, "w.wit");
        File.WriteAllText(file, source);
        JcoTool.Run("embed", file, world, Path.Combine(_work, "jco.wasm"));
        var (sections, _) = ComponentTypeMetadata.Extract(File.ReadAllBytes(Path.Combine(_work, "jco.wasm")));
        var jco = Assert.Single(sections);
        Assert.Equal(ComponentTypeMetadata.SectionName, jco.Name);
        var kiln = ComponentTypeMetadata.Encode(WitPackageLoader.ParseText(source, "w.wit").SelectWorld(world));
        Assert.Equal(WithoutProducers(jco.Payload), kiln);
    }

    [Fact]
    public void EmbedAppendsOneSectionAndLeavesTheModuleAsItWas()
    {
        var core = LinkingModules.Binary("(module (memory (export \"memory\") 1))");
        var world = WitPackageLoader.ParseText(Wit, "w.wit").SelectWorld("app");
        var embedded = ComponentTypeMetadata.Embed(core, world);
        var (sections, stripped) = ComponentTypeMetadata.Extract(embedded);
        Assert.Equal(core, stripped);
        var (name, payload) = Assert.Single(sections);
        Assert.Equal("component-type", name);
        Assert.Equal("app", ComponentTypeMetadata.DecodeWorld(name, payload).Name);
    }

    /// <summary>jco's <c>component new</c> of a Kiln-embedded module and Kiln's agree on the component's WIT.</summary>
    [Fact]
    public void JcoBuildsTheSameComponentTypeFromKilnsEmbedding()
    {
        var world = WitPackageLoader.ParseText(Wit, "w.wit").SelectWorld("app");
        // A dummy-like module: imports a few of the world's functions, exports everything the world exports.
        var core = LinkingModules.Binary("""
            (module
              (import "test:app/host@0.1.0" "log" (func (param i32 i32)))
              (import "test:app/host@0.1.0" "[resource-drop]counter" (func (param i32)))
              (import "[export]test:app/things@0.1.0" "[resource-new]thing" (func (param i32) (result i32)))
              (memory (export "memory") 1)
              (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 64))
              (func (export "test:app/api@0.1.0#greet") (param i32 i32) (result i32) (i32.const 0))
              (func (export "test:app/api@0.1.0#moved") (param i32 i32) (result i32) (i32.const 0))
              (func (export "test:app/things@0.1.0#[constructor]thing") (param i32) (result i32) (i32.const 0))
              (func (export "test:app/things@0.1.0#[method]thing.get") (param i32) (result i32) (i32.const 0))
              (func (export "test:app/things@0.1.0#[dtor]thing") (param i32))
              (func (export "run") (result i32) (i32.const 0)))
            """);
        string embedded = Path.Combine(_work, "embedded.wasm");
        File.WriteAllBytes(embedded, ComponentTypeMetadata.Embed(core, world));
        File.WriteAllBytes(Path.Combine(_work, "kiln.wasm"), ComponentNew.BuildBinary(File.ReadAllBytes(embedded), []));
        JcoTool.Run("new", embedded, Path.Combine(_work, "jco.wasm"));
        JcoTool.Run("wit", Path.Combine(_work, "jco.wasm"), Path.Combine(_work, "jco.wit"));
        JcoTool.Run("wit", Path.Combine(_work, "kiln.wasm"), Path.Combine(_work, "kiln.wit"));
        string jcoWit = File.ReadAllText(Path.Combine(_work, "jco.wit"));
        Assert.Contains("export test:app/api@0.1.0;", jcoWit);
        Assert.Contains("export test:app/things@0.1.0;", jcoWit);
        Assert.Equal(jcoWit, File.ReadAllText(Path.Combine(_work, "kiln.wit")));
    }
}
