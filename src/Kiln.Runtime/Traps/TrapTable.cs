namespace Kiln.Runtime;

/// <summary>
/// The trap sites of one code region: (code offset → trap code), sorted for binary search, so a
/// faulting PC (minus the region's start) finds why the instruction there may fault.
/// </summary>
public sealed class TrapTable
{
    private readonly uint[] offsets;
    private readonly TrapCode[] codes;

    /// <summary>Builds the table; sites may come in any order, but one offset may appear only once.</summary>
    public TrapTable(IEnumerable<(uint Offset, TrapCode Code)> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        var list = sites.ToArray();
        Array.Sort(list, (a, b) => a.Offset.CompareTo(b.Offset));
        offsets = new uint[list.Length];
        codes = new TrapCode[list.Length];
        for (int i = 0; i < list.Length; i++)
        {
            if (i > 0 && list[i].Offset == list[i - 1].Offset)
                throw new ArgumentException($"two trap sites at offset 0x{list[i].Offset:x}", nameof(sites));
            offsets[i] = list[i].Offset;
            codes[i] = list[i].Code;
        }
    }

    /// <summary>An empty table.</summary>
    public static TrapTable Empty { get; } = new([]);

    /// <summary>Number of trap sites.</summary>
    public int Count => offsets.Length;

    /// <summary>The trap code recorded at exactly <paramref name="offset"/>.</summary>
    public bool TryLookup(uint offset, out TrapCode code)
    {
        int i = Array.BinarySearch(offsets, offset);
        code = i >= 0 ? codes[i] : TrapCode.None;
        return i >= 0;
    }
}
