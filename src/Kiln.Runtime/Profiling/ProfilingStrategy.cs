namespace Kiln.Runtime;

/// <summary>How an engine tells an external profiler where its generated code is (Wasmtime's <c>ProfilingStrategy</c>).</summary>
public enum ProfilingStrategy
{
    /// <summary>Nothing is written.</summary>
    None,

    /// <summary>
    /// Each region of code the engine registers is appended to <c>/tmp/perf-PID.map</c> as one line per function
    /// and trampoline (<c>START SIZE NAME</c>, hexadecimal), the file Linux <c>perf report</c> reads to name
    /// samples in code it found no ELF symbols for.
    /// </summary>
    PerfMap,
}
