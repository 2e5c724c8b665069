namespace Kiln.IR;

/// <summary>
/// Side table from instruction to a source offset (a wasm byte offset, say) so the backend can map
/// machine code back to the source. Indexed by <see cref="Inst"/>; -1 means unknown (instructions that
/// passes create inherit nothing). Kept off <see cref="InstData"/> so the hot arena stays small.
/// </summary>
public sealed class SourceLocations
{
    private int[] locs = [];

    /// <summary>The recorded location of <paramref name="inst"/>, or -1.</summary>
    public int Get(Inst inst) => inst.Index < locs.Length ? locs[inst.Index] : -1;

    public void Set(Inst inst, int location)
    {
        Ensure(inst.Index + 1);
        locs[inst.Index] = location;
    }

    /// <summary>Gives instructions <paramref name="from"/>..<paramref name="to"/>-1 (by index) one location:
    /// a front end calls this after emitting the instructions of one source operation.</summary>
    public void SetRange(int from, int to, int location)
    {
        if (from >= to)
        {
            return;
        }
        Ensure(to);
        locs.AsSpan(from, to - from).Fill(location);
    }

    private void Ensure(int n)
    {
        if (n <= locs.Length)
        {
            return;
        }
        int old = locs.Length;
        Array.Resize(ref locs, Math.Max(n, Math.Max(64, old * 2)));
        locs.AsSpan(old).Fill(-1);
    }
}
