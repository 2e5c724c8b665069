using System.Diagnostics;
using System.Globalization;
using Kiln.Codegen;
using Kiln.Codegen.X64;
using Kiln.Compiler.Translate;
using Kiln.Compiler.VmContext;
using Kiln.HostileShapes;
using Kiln.IR.Passes;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Validation;

namespace Kiln.ScaleBench;

/// <summary>
/// `--phases SHAPE SIZE`: the time and managed allocation of each compiler phase on one file, single-threaded, to find
/// which phase grows faster than the input (x86-64 backend; after one untimed warm-up round at a small size).
/// </summary>
internal static class Phases
{
    public static int Run(ShapeInfo shape, int size)
    {
        Once(ShapeGenerator.Generate(shape.Shape, Math.Min(size, 200)), print: false);
        Once(ShapeGenerator.Generate(shape.Shape, size), print: true);
        return 0;
    }

    /// <summary>This thread's CPU time (clock_gettime CLOCK_THREAD_CPUTIME_ID).</summary>
    private static unsafe TimeSpan ThreadCpu()
    {
        long* ts = stackalloc long[2];
        _ = ClockGetTime(3, ts);
        return TimeSpan.FromTicks(ts[0] * TimeSpan.TicksPerSecond + ts[1] / 100);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern unsafe int ClockGetTime(int clock, long* ts);

    private static void Once(byte[] wasm, bool print)
    {
        // Wall time moves with the machine's load; the thread's CPU time much less.
        var sw = Stopwatch.StartNew();
        long mark = GC.GetAllocatedBytesForCurrentThread();
        var cpu = ThreadCpu();
        void Phase(string name)
        {
            long now = GC.GetAllocatedBytesForCurrentThread();
            var cpuNow = ThreadCpu();
            if (print)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-28} {sw.Elapsed.TotalMilliseconds,10:F1} ms {(cpuNow - cpu).TotalMilliseconds,10:F1} ms cpu {(now - mark) / 1048576.0,10:F1} MB"));
            mark = now;
            cpu = cpuNow;
            sw.Restart();
        }

        var module = ModuleDecoder.Decode(wasm);
        Phase("decode");
        ModuleValidator.Validate(module);
        Phase("validate");
        var layout = new VmContextLayout(module);
        var env = new ModuleEnvironment(module, layout);
        var translator = new FunctionTranslator(env);
        for (int i = 0; i < module.Codes.Count; i++)
        {
            var f = translator.Translate((uint)(module.ImportedFunctionCount + i));
            Phase("translate");
            var passes = new IPass[] { new ConstantFolding(), new SimplifyBranches(), new GlobalValueNumbering(), new DeadCodeElimination(), new SimplifyBranches() };
            foreach (var p in passes)
            {
                p.Run(f);
                f.Dfg.ResolveAllAliases();
                Phase("pass " + p.Name);
            }
            var lowered = X64Backend.Lower(f);
            Phase("lower");
            RegAllocator.Allocate(lowered.Code, X64Regs.Env);
            Phase("regalloc");
            X64Backend.Compile(f);
            Phase("lower+regalloc+emit again");
            if (module.Codes.Count > 1 && i == 0)
                print = false;
        }
    }
}
