using Kiln.Codegen;
using Kiln.Codegen.Arm64;
using Kiln.Codegen.X64;
using Kiln.Compiler.Artifacts;
using Kiln.Compiler.Artifacts.Elf;
using Kiln.Compiler.Driver;
using Kiln.Compiler.Tests.Artifacts;
using Kiln.Compiler.VmContext;
using Kiln.Wasm.Text;
using Kiln.Wasm.Validation;

namespace Kiln.Compiler.Tests.Driver;

/// <summary>CPU features belong to a target: defaults follow the target, and one target's bits never reach another's code.</summary>
public sealed class ModuleCompilerOptionsTests
{
    private static TargetIsa Other => Targets.Host == X64Target.Instance ? A64Target.Instance : X64Target.Instance;

    [Fact]
    public void Default_features_are_the_hosts_defaults_for_the_host_and_the_baseline_for_another_target()
    {
        Assert.Equal(Targets.Host.DefaultFeatures, new ModuleCompilerOptions().Features);
        Assert.Equal(Other.BaselineFeatures, new ModuleCompilerOptions { Target = Other }.Features);
        // x86-64 as another target: the baseline (SSE4.1, POPCNT), not the defaults with LZCNT and BMI1.
        var x64 = new ModuleCompilerOptions { Target = X64Target.Instance };
        Assert.Equal(X64Target.Instance.IsHost ? X64Features.Default : X64Features.Baseline, x64.Features);
    }

    [Fact]
    public void ForTarget_drops_features_chosen_for_another_target()
    {
        var x64 = new ModuleCompilerOptions { Target = X64Target.Instance, Features = X64Features.Default, Threads = 3 };
        var arm = x64.ForTarget(A64Target.Instance);
        Assert.Same(A64Target.Instance, arm.Target);
        Assert.Equal(CpuFeatures.None, arm.Features);
        Assert.Equal(3, arm.Threads);
        Assert.Same(x64, x64.ForTarget(X64Target.Instance));
    }

    [Fact]
    public void Another_targets_feature_bits_are_refused()
    {
        var m = WatParser.ParseModule("(module (func (result i32) (i32.const 1)))");
        m.CountImports();
        ModuleValidator.Validate(m);
        var options = new ModuleCompilerOptions { Target = A64Target.Instance, Features = X64Features.Default };
        var e = Assert.Throws<ArgumentException>(() => ModuleCompiler.Compile(m, new VmContextLayout(m), options));
        Assert.Equal("options", e.ParamName);
    }

    [Fact]
    public void An_aarch64_artifact_from_x64_options_records_no_x64_features()
    {
        // ArtifactSamples.Options name x86-64 and its default features; the AArch64 artifact must not carry them.
        byte[] arm = ArtifactCompiler.Compile(WatParser.ParseModule(ArtifactSamples.Wat), ArtifactSamples.Options(), ElfMachine.AArch64);
        var c = ArtifactReader.ReadCompatibility(ElfReader.Parse(arm, new ElfReadOptions { ExpectedType = ElfFileType.Relocatable }));
        Assert.Equal(CpuFeatures.None, c.CompileFeatures);
        Assert.Equal(CpuFeatures.None, c.RequiredFeatures);
    }
}
