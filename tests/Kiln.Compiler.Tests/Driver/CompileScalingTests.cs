using Kiln.Compiler.Driver;
using Kiln.Compiler.Translate;
using Kiln.Compiler.VmContext;
using Kiln.HostileShapes;
using Kiln.IR.Passes;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Validation;

namespace Kiln.Compiler.Tests.Driver;

/// <summary>
/// Compile memory is linear in the input for every hostile shape (issue 17): doubling the input must not quadruple
/// the bytes the compiler allocates. Pinned by allocation counts on one thread (deterministic), never by timing.
/// Before the fixes, doubling an if-chain multiplied allocations by 4 (dense liveness rows; a CFG recomputed per
/// threaded block), and a br_table's lowering was quadratic in its entries.
/// </summary>
public sealed class CompileScalingTests
{
    // Sizes small enough for CI, large enough that the per-module constant is a small share.
    public static TheoryData<HostileShape, int> Shapes => new()
    {
        { HostileShape.StraightLine, 20_000 },
        { HostileShape.ManyLocals, 4_000 },
        { HostileShape.NestedBlocks, 3_000 },
        { HostileShape.IfChain, 3_000 },
        { HostileShape.BrTable, 40_000 },
        { HostileShape.DeepOperandStack, 20_000 },
        { HostileShape.ManyFunctions, 1_000 },
        { HostileShape.DataSegments, 1_000 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void DoublingTheInputAtMostDoublesCompileAllocations(HostileShape shape, int n)
    {
        Allocated(shape, 64); // warm up: first-use allocations of the pipeline are not the input's
        long small = Allocated(shape, n);
        long large = Allocated(shape, 2 * n);
        double ratio = (double)large / small;
        // Linear gives ~2 (less with the per-module constant); quadratic gives ~4. 2.5 leaves room for array growth.
        Assert.True(ratio < 2.5, $"{shape}: {small} bytes at {n}, {large} at {2 * n} (×{ratio:F2})");
        Assert.True(ratio > 1.2, $"{shape}: the input's size barely matters (×{ratio:F2}): is the shape generated at size n?");
    }

    /// <summary>Bytes this thread allocates to decode, validate and compile the shape at size n (the pipeline of
    /// <see cref="ModuleCompiler"/> for each function, on this thread).</summary>
    private static long Allocated(HostileShape shape, int n)
    {
        byte[] wasm = ShapeGenerator.Generate(shape, n);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var module = ModuleDecoder.Decode(wasm);
        ModuleValidator.Validate(module);
        var env = new ModuleEnvironment(module, new VmContextLayout(module));
        var translator = new FunctionTranslator(env);
        var target = ModuleCompilerOptions.Default.Target;
        for (int i = 0; i < module.Codes.Count; i++)
        {
            var f = translator.Translate((uint)(module.ImportedFunctionCount + i));
            PassManager.Default().Run(f);
            Assert.NotEmpty(target.Compile(f, target.DefaultFeatures).Code);
        }
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
