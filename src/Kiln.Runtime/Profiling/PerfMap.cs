using System.Globalization;
using System.Text;
using Kiln.Compiler.VmContext;

namespace Kiln.Runtime;

/// <summary>
/// Writes <c>/tmp/perf-PID.map</c>, the symbol file <c>perf</c> reads for code generated at run time: one line
/// <c>START SIZE NAME</c> (hexadecimal, no prefix) per function and trampoline of each registered code region.
/// A function is named by the module's name section, else by its symbol name in artifacts (<c>wasm_func_N</c>),
/// so <c>perf report</c> and <c>kiln objdump</c> agree. Lines are only appended: perf takes the last mapping of an
/// address, so code freed and reused later is named by its newer line.
/// </summary>
public static class PerfMap
{
    private static readonly object Gate = new();

    /// <summary>The file of this process: <c>/tmp/perf-PID.map</c>.</summary>
    public static string PathOfThisProcess => PathOf(Environment.ProcessId);

    /// <summary>The file perf reads for process <paramref name="pid"/>.</summary>
    public static string PathOf(int pid) => $"/tmp/perf-{pid.ToString(CultureInfo.InvariantCulture)}.map";

    /// <summary>The lines for <paramref name="map"/>, in address order.</summary>
    public static string Lines(CodeMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var text = new StringBuilder();
        for (int i = 0; i < map.Functions.Count; i++)
        {
            var (start, length, index) = map.Functions[i];
            if (length == 0) continue; // perf ignores empty symbols; none should exist
            string? name = null;
            map.Names?.TryGetValue(index, out name);
            name ??= index >= CodeMap.TrampolineIndexBase ? $"kiln_trampoline_{index - CodeMap.TrampolineIndexBase}" : FunctionNames.Wasm(index);
            text.Append(CultureInfo.InvariantCulture, $"{(ulong)(map.Start + (nint)start):x} {length:x} {Clean(name)}\n");
        }
        return text.ToString();
    }

    /// <summary>Appends <paramref name="map"/>'s lines to this process's file.</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Append(CodeMap map)
    {
        string lines = Lines(map);
        lock (Gate)
            File.AppendAllText(PathOfThisProcess, lines);
    }

    // A line ends at its newline and perf splits nothing else: only line breaks (and other control characters a
    // name section may hold) must go.
    private static string Clean(string name)
    {
        foreach (char c in name)
        {
            if (char.IsControl(c))
                return string.Create(name.Length, name, static (span, n) =>
                {
                    for (int i = 0; i < n.Length; i++) span[i] = char.IsControl(n[i]) ? '?' : n[i];
                });
        }
        return name;
    }
}
