using Kiln.Compiler.Driver;
using Kiln.Compiler.VmContext;
using Kiln.HostileShapes;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;
using Kiln.Wasm.Validation;

namespace Kiln.Compiler.Tests.Driver;

/// <summary>A compilation under a budget stops with a typed error (or the caller's cancellation), never by running on;
/// none of these depends on how fast the machine is.</summary>
public sealed class CompileBudgetTests
{
    private static (WasmModule Module, VmContextLayout Layout) Load(HostileShape shape, int n)
    {
        var m = ModuleDecoder.Decode(ShapeGenerator.Generate(shape, n));
        ModuleValidator.Validate(m);
        return (m, new VmContextLayout(m));
    }

    [Fact]
    public void AMemoryBudgetStopsOneLargeFunctionPartWay()
    {
        var (m, layout) = Load(HostileShape.IfChain, 20_000);
        // The whole compile of this function allocates well over 100 MB; with 4 MB allowed it must stop early, which
        // needs checkpoints inside the function (translation, passes, lowering, allocation), not only between functions.
        var e = Assert.Throws<CompileBudgetExceededException>(() => ModuleCompiler.Compile(m, layout,
            new ModuleCompilerOptions { Threads = 1, MaxCompileMemory = 4 << 20 }));
        Assert.Equal(CompileBudgetKind.Memory, e.Kind);
        Assert.Equal(4 << 20, e.Limit);
        Assert.True(e.Used > e.Limit, $"used {e.Used}");
        Assert.True(e.Used < 40 << 20, $"stopped only after {e.Used} bytes");
    }

    [Fact]
    public void AMemoryBudgetLargeEnoughLetsTheCompileFinish()
    {
        var (m, layout) = Load(HostileShape.IfChain, 500);
        var code = ModuleCompiler.Compile(m, layout, new ModuleCompilerOptions { MaxCompileMemory = 1L << 30, CompileTimeout = TimeSpan.FromHours(1) });
        Assert.NotEmpty(code.Code);
    }

    [Fact]
    public void AZeroTimeoutStopsWithTheTimeKind()
    {
        var (m, layout) = Load(HostileShape.StraightLine, 1_000);
        var e = Assert.Throws<CompileBudgetExceededException>(() => ModuleCompiler.Compile(m, layout,
            new ModuleCompilerOptions { CompileTimeout = TimeSpan.Zero }));
        Assert.Equal(CompileBudgetKind.Time, e.Kind);
        Assert.Equal(0, e.Limit);
    }

    [Fact]
    public void ACancelledTokenStopsWithOperationCanceled()
    {
        var (m, layout) = Load(HostileShape.ManyFunctions, 200);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ModuleCompiler.Compile(m, layout,
            new ModuleCompilerOptions { CancellationToken = cts.Token, MaxCompileMemory = 1L << 30 }));
    }

    [Fact]
    public void TheBudgetCountsAllocationsOfEveryCompilingThread()
    {
        var budget = new CompileBudget(CancellationToken.None, null, 0);
        long before = budget.Allocated;
        var threads = new Thread[2];
        for (int t = 0; t < threads.Length; t++)
        {
            threads[t] = new Thread(() =>
            {
                budget.Checkpoint(); // the first checkpoint of a thread only sets its mark
                GC.KeepAlive(new byte[1 << 20]);
                budget.Checkpoint();
            });
            threads[t].Start();
        }
        foreach (var t in threads) t.Join();
        Assert.InRange(budget.Allocated - before, 2 << 20, 3 << 20);
        budget.Dispose();
    }
}
