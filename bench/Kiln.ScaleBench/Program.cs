using System.Diagnostics;
using System.Globalization;
using Kiln.HostileShapes;
using Kiln.Reference;
using Kiln.ScaleBench;

// kiln-scale-bench: compile time and memory of each hostile shape along a geometric series of sizes, Kiln beside
// Wasmtime 50.0.1. Each (engine, shape, size) runs in a child process of its own (`--one`), so that its peak
// resident set is its own; the child compiles the file twice and measures the second compile, so that JIT warm-up is
// not counted (for both engines alike). The growth exponent k of t ∝ n^k is fitted between the smallest and the largest size measured.

const string Usage = "usage: kiln-scale-bench [--only SHAPE,...] [--factors 1,2,5,10] [--engines kiln,wasmtime] [--timeout SECONDS]\n"
    + "       kiln-scale-bench --one kiln|wasmtime SHAPE SIZE\n"
    + "       kiln-scale-bench --phases SHAPE SIZE\n"
    + "       kiln-scale-bench --write SHAPE SIZE FILE.wasm";

if (args.Length == 4 && args[0] == "--write" && ShapeInfo.TryParse(args[1], out var writeShape))
{
    File.WriteAllBytes(args[3], ShapeGenerator.Generate(writeShape.Shape, int.Parse(args[2], CultureInfo.InvariantCulture)));
    return 0;
}
if (args.Length == 3 && args[0] == "--phases" && ShapeInfo.TryParse(args[1], out var phaseShape))
    return Phases.Run(phaseShape, int.Parse(args[2], CultureInfo.InvariantCulture));
if (args.Length == 4 && args[0] == "--one")
    return One(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture));

var shapes = new List<ShapeInfo>(ShapeInfo.All);
double[] factors = [0.25, 0.5, 1, 2, 5, 10];
string[] engines = ["kiln", "wasmtime"];
int timeout = 600;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--only":
            shapes.Clear();
            foreach (var name in args[++i].Split(','))
            {
                if (!ShapeInfo.TryParse(name, out var s)) { Console.Error.WriteLine($"unknown shape {name}\n{Usage}"); return 2; }
                shapes.Add(s);
            }
            break;
        case "--factors": factors = Array.ConvertAll(args[++i].Split(','), f => double.Parse(f, CultureInfo.InvariantCulture)); break;
        case "--engines": engines = args[++i].Split(','); break;
        case "--timeout": timeout = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine(Usage); return 2;
    }
}

Console.WriteLine($"{"shape",-15} {"size",9} {"KiB",7} {"kiln ms",9} {"cpu ms",9} {"MB alloc",9} {"MB rss",7} {"wasmtime ms",11} {"cpu ms",9} {"MB rss",7} {"kiln/wt",7}");
foreach (var shape in shapes)
{
    var points = new List<(int Size, Measurement? Kiln, Measurement? Wasmtime)>();
    foreach (double f in factors)
    {
        int size = Math.Min(shape.MaxSize, (int)Math.Round(shape.ListedSize * f));
        int kib = ShapeGenerator.Generate(shape.Shape, size).Length / 1024;
        Measurement? k = engines.Contains("kiln") ? Child("kiln", shape, size, timeout) : null;
        Measurement? w = engines.Contains("wasmtime") ? Child("wasmtime", shape, size, timeout) : null;
        points.Add((size, k, w));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{shape.Name,-15} {size,9} {kib,7} {Ms(k),9} {Cpu(k),9} {Mb(k?.AllocatedBytes, k),9} {Mb(k?.PeakRssBytes, k),7} {Ms(w),11} {Cpu(w),9} {Mb(w?.PeakRssBytes, w),7} {Ratio(k, w),7}"));
        if (k?.Error is not null) Console.WriteLine($"  kiln: {k.Error}");
        if (w?.Error is not null) Console.WriteLine($"  wasmtime: {w.Error}");
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{shape.Name,-15} growth exponent (time, cpu, alloc): kiln {Exponent(points, p => p.Kiln?.Milliseconds)}, {Exponent(points, p => p.Kiln?.CpuMilliseconds)}, {Exponent(points, p => p.Kiln?.AllocatedBytes)}; wasmtime {Exponent(points, p => p.Wasmtime?.Milliseconds)}, {Exponent(points, p => p.Wasmtime?.CpuMilliseconds)}"));
}
return 0;

static string Ms(Measurement? m) => m is null ? "-" : m.Error is null ? m.Milliseconds.ToString("F0", CultureInfo.InvariantCulture) : "error";

static string Cpu(Measurement? m) => m is null ? "-" : m.Error is null ? m.CpuMilliseconds.ToString("F0", CultureInfo.InvariantCulture) : "error";

static string Mb(long? bytes, Measurement? m) => m is null || bytes is null ? "-" : m.Error is null ? (bytes.Value / 1048576.0).ToString("F0", CultureInfo.InvariantCulture) : "error";

static string Ratio(Measurement? k, Measurement? w) =>
    k?.Error is null && w?.Error is null && k is not null && w is not null && w.Milliseconds > 0
        ? (k.Milliseconds / w.Milliseconds).ToString("F2", CultureInfo.InvariantCulture) : "-";

// Least-squares slope of log(value) over log(size), over the points whose value is known and positive.
static string Exponent(List<(int Size, Measurement? Kiln, Measurement? Wasmtime)> points, Func<(int Size, Measurement? Kiln, Measurement? Wasmtime), double?> value)
{
    var xs = new List<double>();
    var ys = new List<double>();
    foreach (var p in points)
    {
        if (value(p) is double v && v > 0)
        {
            xs.Add(Math.Log(p.Size));
            ys.Add(Math.Log(v));
        }
    }
    if (xs.Count < 2) return "-";
    double mx = xs.Average(), my = ys.Average(), sxy = 0, sxx = 0;
    for (int i = 0; i < xs.Count; i++)
    {
        sxy += (xs[i] - mx) * (ys[i] - my);
        sxx += (xs[i] - mx) * (xs[i] - mx);
    }
    return sxx == 0 ? "-" : (sxy / sxx).ToString("F2", CultureInfo.InvariantCulture);
}

static Measurement Child(string engine, ShapeInfo shape, int size, int timeoutSeconds)
{
    var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
    if (!Environment.ProcessPath!.EndsWith("Kiln.ScaleBench", StringComparison.Ordinal))
        psi.ArgumentList.Add(typeof(Measurement).Assembly.Location);
    foreach (var a in new[] { "--one", engine, shape.Name, size.ToString(CultureInfo.InvariantCulture) })
        psi.ArgumentList.Add(a);
    using var p = Process.Start(psi)!;
    var stdout = p.StandardOutput.ReadToEndAsync();
    var stderr = p.StandardError.ReadToEndAsync();
    if (!p.WaitForExit(timeoutSeconds * 1000))
    {
        p.Kill(entireProcessTree: true);
        p.WaitForExit();
        return new Measurement(0, 0, 0, 0, $"timeout after {timeoutSeconds} s");
    }
    string line = stdout.Result.Trim();
    return line.Length == 0 ? new Measurement(0, 0, 0, 0, $"exit {p.ExitCode}: {stderr.Result.Trim()}") : Measurement.Parse(line);
}

static int One(string engine, string shapeName, int size)
{
    if (!ShapeInfo.TryParse(shapeName, out var shape))
    {
        Console.Error.WriteLine($"unknown shape {shapeName}");
        return 2;
    }
    byte[] wasm = ShapeGenerator.Generate(shape.Shape, size);
    Func<byte[], IDisposable> compile;
    IDisposable engineHandle;
    if (engine == "kiln")
    {
        var e = new Kiln.Runtime.Engine();
        engineHandle = e;
        compile = bytes => Kiln.Runtime.Module.FromBytes(e, bytes);
    }
    else
    {
        var e = new WasmtimeEngine();
        engineHandle = e;
        compile = bytes => WasmtimeModule.Compile(e, bytes);
    }
    using (engineHandle)
    {
        try
        {
            // The first compile in a process also JIT-compiles the compiler, and .NET's tiered JIT recompiles hot
            // methods on background threads for a while: the measured compile is the second of the same bytes.
            compile(wasm).Dispose();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long before = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            using (compile(wasm))
                sw.Stop();
            var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            Console.WriteLine(new Measurement(sw.Elapsed.TotalMilliseconds, cpuUsed.TotalMilliseconds, allocated, Measurement.PeakRss(), null).ToLine());
        }
        catch (Exception ex)
        {
            Console.WriteLine(new Measurement(0, 0, 0, 0, $"{ex.GetType().Name}: {ex.Message}").ToLine());
        }
    }
    return 0;
}
