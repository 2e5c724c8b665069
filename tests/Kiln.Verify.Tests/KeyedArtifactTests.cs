using Kiln.Compiler.Artifacts;
using Kiln.Compiler.Artifacts.Elf;
using Kiln.Compiler.Driver;
using Kiln.Wasm.Text;

namespace Kiln.Verify.Tests;

/// <summary>Artifacts sealed under an operator's key: required when given, refused when missing, and a forger without the key loses.</summary>
public sealed class KeyedArtifactTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)(i * 7))];
    private static readonly byte[] OtherKey = [.. Enumerable.Range(1, 32).Select(i => (byte)(i * 11))];

    private static byte[] Compile(byte[]? key) => ArtifactCompiler.Compile(
        WatParser.ParseModule("(module (func (export \"f\") (result i32) (i32.const 42)))"), ModuleCompilerOptions.Default with { Threads = 1 }, integrityKey: key);

    private static ArtifactLoadOptions With(byte[]? key) => new() { IntegrityKey = key, AvailableFeatures = new Kiln.Codegen.CpuFeatures(~0u) };

    private static ArtifactErrorKind Refusal(byte[] file, byte[]? key) =>
        Assert.Throws<ArtifactException>(() => ArtifactReader.Read(file, With(key))).Kind;

    [Fact]
    public void AKeyedArtifactLoadsWithItsKeyAndRunsAsCompiled()
    {
        var file = Compile(Key);
        Assert.NotNull(ArtifactReader.Read(file, With(Key)));
        var engine = new Kiln.Runtime.Engine();
        using var store = new Kiln.Runtime.Store(engine);
        using var module = Kiln.Runtime.Module.FromArtifact(engine, file, new ArtifactLoadOptions { IntegrityKey = Key });
        var instance = new Kiln.Runtime.Linker(engine).Instantiate(store, module);
        Assert.Equal(42, instance.GetFunc("f")!.Call()[0].AsI32());
    }

    [Fact]
    public void AKeyedArtifactWithoutAKeyIsRefusedAsKeyRequired() => Assert.Equal(ArtifactErrorKind.KeyRequired, Refusal(Compile(Key), null));

    [Fact]
    public void AnUnkeyedArtifactWithAKeyIsRefusedAsNotKeyed() => Assert.Equal(ArtifactErrorKind.NotKeyed, Refusal(Compile(null), Key));

    [Fact]
    public void AnotherKeyIsRefusedAsIntegrity() => Assert.Equal(ArtifactErrorKind.Integrity, Refusal(Compile(Key), OtherKey));

    [Fact]
    public void AForgerWhoRecomputesTheDigestIsRefused()
    {
        var file = Compile(Key);
        int text = checked((int)ArtifactReader.Read(file, With(Key)).Elf.FindSection(ArtifactFormat.TextSection)!.Offset);
        file[text + 20] ^= 0x01;
        var unkeyed = (byte[])file.Clone();
        ElfIntegrity.Seal(unkeyed);               // recomputed without the key: plain SHA-256
        Assert.Equal(ArtifactErrorKind.NotKeyed, Refusal(unkeyed, Key));
        ElfIntegrity.Seal(file, OtherKey);         // or an HMAC under a key the forger made up
        Assert.Equal(ArtifactErrorKind.Integrity, Refusal(file, Key));
    }

    [Fact]
    public void ModuleSerializeWithAKeyRoundTrips()
    {
        var engine = new Kiln.Runtime.Engine();
        using var compiled = new Kiln.Runtime.Module(engine, System.Text.Encoding.UTF8.GetBytes("(module (func (export \"f\") (result i32) (i32.const 7)))"));
        var sealedFile = compiled.Serialize(Key);
        Assert.Equal(ArtifactErrorKind.KeyRequired, Refusal(sealedFile, null));
        Assert.NotNull(ArtifactReader.Read(sealedFile, With(Key)));
    }
}
