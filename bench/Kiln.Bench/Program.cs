using System.Diagnostics;
using BenchmarkDotNet.Running;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Validation;

namespace Kiln.Bench;

/// <summary>
/// kiln's benchmark harness.
///   gen-large OUT.wasm [MB]   write the generated large module (to time other tools on the same file)
///   front-end FILE [RUNS]     decode+validate FILE RUNS times, print min and median milliseconds
///   component-decode FILE [RUNS] decode a component RUNS times (then also validating its core modules),
///                             print min and median milliseconds
///   compile FILE THREADS [RUNS] compile FILE to machine code (decode, validate, translate, optimize,
///                             isel, regalloc, emit, link, load), print min and median milliseconds
///   load ARTIFACT [RUNS]      time loading a precompiled artifact (verify, map, protect) and instantiating it
///   exec FILE EXPORT ARG [RUNS] time calls of an exported (i32) -> T function (see bench/kernels)
///   (anything else)           BenchmarkDotNet, e.g. --filter '*FrontEnd*'
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "gen-large")
        {
            int mb = args.Length > 2 ? int.Parse(args[2]) : 10;
            var bytes = LargeModuleGenerator.Generate(mb << 20);
            File.WriteAllBytes(args[1], bytes);
            Console.WriteLine($"wrote {args[1]}: {bytes.Length} bytes");
            return 0;
        }
        if (args.Length >= 2 && args[0] == "front-end")
        {
            var bytes = File.ReadAllBytes(args[1]);
            int runs = args.Length > 2 ? int.Parse(args[2]) : 10;
            var times = new double[runs];
            for (int i = -2; i < runs; i++) // two warm-up runs let the JIT reach its optimized tier
            {
                var sw = Stopwatch.StartNew();
                var m = ModuleDecoder.Decode(bytes);
                ModuleValidator.Validate(m);
                sw.Stop();
                if (i >= 0) times[i] = sw.Elapsed.TotalMilliseconds;
            }
            Array.Sort(times);
            Console.WriteLine($"decode+validate {args[1]} ({bytes.Length} bytes): min {times[0]:F1} ms, median {times[runs / 2]:F1} ms over {runs} runs");
            return 0;
        }
        if (args.Length >= 2 && args[0] == "component-decode")
        {
            var bytes = File.ReadAllBytes(args[1]);
            int runs = args.Length > 2 ? int.Parse(args[2]) : 10;
            var decode = new double[runs];
            var withCore = new double[runs];
            int modules = 0;
            for (int i = -2; i < runs; i++) // two warm-up runs let the JIT reach its optimized tier
            {
                var sw = Stopwatch.StartNew();
                var c = Kiln.Component.Binary.ComponentDecoder.Decode(bytes);
                double d = sw.Elapsed.TotalMilliseconds;
                modules = 0;
                foreach (var m in c.Sections.OfType<Kiln.Component.Model.CoreModuleSection>())
                {
                    ModuleValidator.Validate(m.Module);
                    modules++;
                }
                sw.Stop();
                if (i >= 0) (decode[i], withCore[i]) = (d, sw.Elapsed.TotalMilliseconds);
            }
            Array.Sort(decode);
            Array.Sort(withCore);
            bool same = Kiln.Component.Binary.ComponentEncoder.Encode(Kiln.Component.Binary.ComponentDecoder.Decode(bytes)).AsSpan().SequenceEqual(bytes);
            Console.WriteLine($"re-encodes to the same bytes: {(same ? "yes" : "no")}");
            Console.WriteLine($"component decode {args[1]} ({bytes.Length} bytes): min {decode[0]:F1} ms, median {decode[runs / 2]:F1} ms; "
                + $"+ validate {modules} core modules: min {withCore[0]:F1} ms, median {withCore[runs / 2]:F1} ms over {runs} runs");
            return 0;
        }
        if (args.Length >= 3 && args[0] == "compile")
        {
            var bytes = File.ReadAllBytes(args[1]);
            int threads = int.Parse(args[2]);
            int runs = args.Length > 3 ? int.Parse(args[3]) : 5;
            var engine = new Kiln.Runtime.Engine(new Kiln.Runtime.EngineConfig { CompilationThreads = threads });
            var times = new double[runs];
            for (int i = -1; i < runs; i++)
            {
                var sw = Stopwatch.StartNew();
                using (new Kiln.Runtime.Module(engine, bytes)) { }
                sw.Stop();
                if (i >= 0) times[i] = sw.Elapsed.TotalMilliseconds;
            }
            Array.Sort(times);
            Console.WriteLine($"compile {args[1]} ({bytes.Length} bytes) on {threads} thread(s): min {times[0]:F0} ms, median {times[runs / 2]:F0} ms over {runs} runs");
            return 0;
        }
        if (args.Length >= 2 && args[0] == "load")
        {
            // load ARTIFACT [RUNS]: read, verify and map a precompiled artifact, then instantiate it.
            var bytes = File.ReadAllBytes(args[1]);
            int runs = args.Length > 2 ? int.Parse(args[2]) : 20;
            var engine = new Kiln.Runtime.Engine();
            var load = new double[runs];
            var inst = new double[runs];
            for (int i = -2; i < runs; i++)
            {
                var sw = Stopwatch.StartNew();
                using var module = Kiln.Runtime.Module.FromArtifact(engine, bytes);
                double loaded = sw.Elapsed.TotalMilliseconds;
                using (var store = new Kiln.Runtime.Store(engine))
                {
                    new Kiln.Runtime.Linker(engine).Instantiate(store, module);
                }
                if (i >= 0) (load[i], inst[i]) = (loaded, sw.Elapsed.TotalMilliseconds - loaded);
            }
            Array.Sort(load);
            Array.Sort(inst);
            Console.WriteLine($"load {args[1]} ({bytes.Length} bytes): median {load[runs / 2]:F2} ms (min {load[0]:F2}); instantiate median {inst[runs / 2]:F3} ms (min {inst[0]:F3})");
            return 0;
        }
        if (args.Length >= 4 && args[0] == "exec")
        {
            // exec FILE EXPORT ARG [RUNS]: call an exported (i32) -> T function RUNS times after one warm-up call.
            var engine = new Kiln.Runtime.Engine();
            using var module = new Kiln.Runtime.Module(engine, File.ReadAllBytes(args[1]));
            using var store = new Kiln.Runtime.Store(engine);
            var instance = new Kiln.Runtime.Linker(engine).Instantiate(store, module);
            var func = instance.GetFunc(args[2]) ?? throw new ArgumentException($"no export {args[2]}");
            var arg = new[] { Kiln.Runtime.Value.I32(int.Parse(args[3])) };
            int runs = args.Length > 4 ? int.Parse(args[4]) : 5;
            var times = new double[runs];
            Kiln.Runtime.Value[] result = func.Call(arg);
            for (int i = 0; i < runs; i++)
            {
                var sw = Stopwatch.StartNew();
                result = func.Call(arg);
                times[i] = sw.Elapsed.TotalMilliseconds;
            }
            Array.Sort(times);
            Console.WriteLine($"kiln {args[2]}({args[3]}): min {times[0]:F1} ms, median {times[runs / 2]:F1} ms, result {result[0]}");
            return 0;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
