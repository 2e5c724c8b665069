namespace Kiln.Runtime;

/// <summary>
/// The engine's loaded code regions, so a faulting PC reported by the native runtime maps to a trap code and
/// a frame. Readers take a snapshot array (no lock); writers replace it under a lock.
/// </summary>
internal sealed class CodeRegistry
{
    private readonly object gate = new();
    private CodeMap[] regions = []; // sorted by Start, non-overlapping

    public void Register(CodeMap map)
    {
        lock (gate)
        {
            var list = new List<CodeMap>(regions);
            foreach (var r in list)
            {
                if (map.Start < r.Start + (nint)r.Length && r.Start < map.Start + (nint)map.Length)
                    throw new ArgumentException($"code region 0x{map.Start:x} overlaps 0x{r.Start:x}", nameof(map));
            }
            list.Add(map);
            list.Sort((a, b) => a.Start.CompareTo(b.Start));
            regions = list.ToArray();
        }
    }

    public void Unregister(CodeMap map)
    {
        lock (gate)
            regions = regions.Where(r => r != map).ToArray();
    }

    public CodeMap? Find(nint pc)
    {
        var snapshot = regions;
        int lo = 0, hi = snapshot.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            var r = snapshot[mid];
            if (pc < r.Start)
                hi = mid - 1;
            else if (r.Contains(pc))
                return r;
            else
                lo = mid + 1;
        }
        return null;
    }

    /// <summary>The trap code recorded for a faulting PC, or <see cref="TrapCode.None"/> when none is.</summary>
    public TrapCode TrapCodeAt(nint pc) =>
        Find(pc) is { } r && r.Traps.TryLookup((uint)(pc - r.Start), out var code) ? code : TrapCode.None;
}
