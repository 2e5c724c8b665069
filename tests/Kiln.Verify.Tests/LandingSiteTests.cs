using Kiln.Compiler.Artifacts;
using Kiln.Compiler.Driver;
using Kiln.Wasm.Text;

namespace Kiln.Verify.Tests;

/// <summary>
/// Landing code (where the unwinder resumes a try_table's function) has no static predecessor: the verifier
/// must reach it through the landing sites, or it would pass whatever code sits there unchecked.
/// </summary>
public sealed class LandingSiteTests
{
    private const string Wat = """
        (module
          (tag $e (param i32))
          (memory 1)
          (func $throw (param i32) (throw $e (local.get 0)))
          (func (export "f") (param i32) (result i32)
            (block $h (result i32)
              (try_table (result i32) (catch $e $h) (call $throw (local.get 0)) (i32.const 0)))
            (i32.load)))
        """;

    private static readonly ArtifactLoadOptions AnyCpu = new() { AvailableFeatures = new Kiln.Codegen.CpuFeatures(~0u) };

    private static Artifact Read() =>
        ArtifactReader.Read(ArtifactCompiler.Compile(WatParser.ParseModule(Wat), ModuleCompilerOptions.Default with { Threads = 1 }), AnyCpu);

    [Fact]
    public void ModulesWithLandingSitesVerify()
    {
        var artifact = Read();
        Assert.NotEmpty(artifact.Compiled.LandingSites);
        var v = ArtifactVerifier.FindViolation(artifact);
        Assert.True(v is null, $"refused: {v}");
    }

    [Fact]
    public void ForbiddenCodeAtALandingSiteIsFound()
    {
        var artifact = Read();
        int landing = artifact.Compiled.LandingSites[0].LandingOffset;
        artifact.Compiled.Code[landing] = 0xCC; // int3, reachable only by unwinding
        var v = ArtifactVerifier.FindViolation(artifact);
        Assert.NotNull(v);
        Assert.Equal(ViolationKind.ForbiddenInstruction, v.Kind);
        Assert.Equal(landing, v.CodeOffset);
    }
}
