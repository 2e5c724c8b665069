using System.Globalization;

namespace Kiln.ScaleBench;

/// <summary>One compile of one file by one engine, measured in a process of its own.</summary>
/// <param name="Milliseconds">Wall time of the compile (decode, validate, compile, load).</param>
/// <param name="CpuMilliseconds">CPU time of the process during the compile, all threads (steadier than wall time on a loaded machine).</param>
/// <param name="AllocatedBytes">Managed bytes allocated during the compile (GC.GetTotalAllocatedBytes; ~0 for Wasmtime, which allocates natively).</param>
/// <param name="PeakRssBytes">The process's peak resident set (VmHWM) after the compile, runtime included.</param>
/// <param name="Error">Null, or why the compile failed (a refusal, a timeout).</param>
public sealed record Measurement(double Milliseconds, double CpuMilliseconds, long AllocatedBytes, long PeakRssBytes, string? Error)
{
    public string ToLine() => Error is null
        ? string.Create(CultureInfo.InvariantCulture, $"ok {Milliseconds:F1} {CpuMilliseconds:F1} {AllocatedBytes} {PeakRssBytes}")
        : "error " + Error.ReplaceLineEndings(" ");

    public static Measurement Parse(string line)
    {
        if (line.StartsWith("error ", StringComparison.Ordinal))
            return new Measurement(0, 0, 0, 0, line[6..]);
        var parts = line.Split(' ');
        if (parts.Length != 5 || parts[0] != "ok")
            return new Measurement(0, 0, 0, 0, "unreadable: " + line);
        return new Measurement(double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture),
            long.Parse(parts[3], CultureInfo.InvariantCulture), long.Parse(parts[4], CultureInfo.InvariantCulture), null);
    }

    /// <summary>VmHWM of /proc/self/status, in bytes.</summary>
    public static long PeakRss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        return 0;
    }
}
