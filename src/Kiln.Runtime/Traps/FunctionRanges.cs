namespace Kiln.Runtime;

/// <summary>
/// Where each function's code lies in a code region, for backtraces: [start, start + length) → function
/// index, sorted by start for binary search. Ranges must not overlap.
/// </summary>
public sealed class FunctionRanges
{
    private readonly uint[] starts;
    private readonly uint[] ends;
    private readonly uint[] functions;

    /// <summary>Builds the lookup; ranges may come in any order.</summary>
    public FunctionRanges(IEnumerable<(uint Start, uint Length, uint FunctionIndex)> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var list = ranges.ToArray();
        Array.Sort(list, (a, b) => a.Start.CompareTo(b.Start));
        starts = new uint[list.Length];
        ends = new uint[list.Length];
        functions = new uint[list.Length];
        for (int i = 0; i < list.Length; i++)
        {
            ulong end = (ulong)list[i].Start + list[i].Length;
            if (end > uint.MaxValue)
                throw new ArgumentException($"function {list[i].FunctionIndex}'s range overflows", nameof(ranges));
            if (i > 0 && list[i].Start < ends[i - 1])
                throw new ArgumentException($"functions {functions[i - 1]} and {list[i].FunctionIndex} overlap", nameof(ranges));
            starts[i] = list[i].Start;
            ends[i] = (uint)end;
            functions[i] = list[i].FunctionIndex;
        }
    }

    /// <summary>An empty lookup.</summary>
    public static FunctionRanges Empty { get; } = new([]);

    /// <summary>Number of functions.</summary>
    public int Count => starts.Length;

    /// <summary>The <paramref name="i"/>-th range in address order.</summary>
    public (uint Start, uint Length, uint FunctionIndex) this[int i] => (starts[i], ends[i] - starts[i], functions[i]);

    /// <summary>The function whose code contains <paramref name="offset"/> and the offset from its start.</summary>
    public bool TryLookup(uint offset, out uint functionIndex, out uint offsetInFunction)
    {
        int i = Array.BinarySearch(starts, offset);
        if (i < 0)
            i = ~i - 1; // the last range starting before offset
        if (i >= 0 && offset < ends[i])
        {
            functionIndex = functions[i];
            offsetInFunction = offset - starts[i];
            return true;
        }
        functionIndex = 0;
        offsetInFunction = 0;
        return false;
    }
}
