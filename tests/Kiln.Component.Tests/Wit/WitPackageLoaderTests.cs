using Kiln.Component.Wit;
using Kiln.Component.Wit.Resolution;

namespace Kiln.Component.Tests.Wit;

public sealed class WitPackageLoaderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"kiln-wit-{Environment.ProcessId}-{Guid.NewGuid():N}");

    public WitPackageLoaderTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string relative, string text)
    {
        string path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void ADirectoryIsOnePackageAcrossFilesWithForeignPackagesInDeps()
    {
        Write("a.wit", "package my:app@0.1.0;\ninterface api { use types.{id}; use wasi:io/streams@0.2.0.{input-stream}; get: func(i: id) -> input-stream; }");
        Write("b.wit", "interface types { type id = u64; }\nworld app { export api; }");
        Write("deps/io/streams.wit", "package wasi:io@0.2.0;\ninterface streams { use error.{error}; resource input-stream; }");
        Write("deps/io/error.wit", "interface error { resource error; }");
        Write("deps/single.wit", "package other:pkg; interface unused {}");
        var r = WitPackageLoader.Load(_dir);
        Assert.Equal("my:app@0.1.0", r.Main!.Name.ToString());
        Assert.Equal(["api", "types"], r.Main.Interfaces.Keys);
        Assert.Contains(r.Packages, p => p.Name.ToString() == "wasi:io@0.2.0" && p.Interfaces.ContainsKey("error"));
        var world = r.Main.Worlds["app"];
        // The exported api's dependencies are imported: its own package's types, and wasi:io's streams (with error first).
        var imports = world.Imports.Keys.Select(k => k.ExternName).ToList();
        Assert.Equal(["my:app/types@0.1.0", "wasi:io/error@0.2.0", "wasi:io/streams@0.2.0"], imports.Order(StringComparer.Ordinal));
        Assert.True(imports.IndexOf("wasi:io/error@0.2.0") < imports.IndexOf("wasi:io/streams@0.2.0"));
    }

    [Fact]
    public void FilesOfADirectoryMustAgreeOnTheVersion()
    {
        Write("a.wit", "package my:app@0.1.0;");
        string b = Write("b.wit", "package my:app@0.2.0;");
        var e = Assert.Throws<WitException>(() => WitPackageLoader.Load(_dir));
        Assert.Equal(WitErrorKind.BadVersion, e.Kind);
        Assert.Equal(b, e.Location!.Value.File);
    }

    [Fact]
    public void ErrorsNameTheFileTheyAreIn()
    {
        Write("a.wit", "package my:app;\ninterface ok {}");
        string b = Write("b.wit", "interface bad {\n  f: func() -> missing;\n}");
        var e = Assert.Throws<WitException>(() => WitPackageLoader.Load(_dir));
        Assert.StartsWith($"{b}:2:16: ", e.Message);
    }

    [Fact]
    public void AMissingDependencyNamesTheVersionsThatExist()
    {
        Write("a.wit", "package my:app;\ninterface i { use wasi:io/streams@0.2.1.{s}; }");
        Write("deps/io/x.wit", "package wasi:io@0.2.0; interface streams { type s = u8; }");
        var e = Assert.Throws<WitException>(() => WitPackageLoader.Load(_dir));
        Assert.Equal(WitErrorKind.MissingPackage, e.Kind);
        Assert.Contains("0.2.0", e.Reason);
    }

    [Fact]
    public void AnUnreadableInputIsAnIoError() =>
        Assert.Equal(WitErrorKind.Io, Assert.Throws<WitException>(() => WitPackageLoader.Load(Path.Combine(_dir, "none.wit"))).Kind);
}
