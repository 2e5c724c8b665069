namespace Kiln.Runtime;

/// <summary>
/// Where the machine code of one code region came from: (code offset → wasm byte offset) entries sorted by code
/// offset, each covering the code up to the next; a negative wasm offset marks code with no wasm source
/// (prologues, trampolines). Backtraces use it to name the wasm instruction of each frame.
/// </summary>
public sealed class SourceOffsets
{
    private readonly uint[] codeOffsets;
    private readonly int[] wasmOffsets;

    /// <summary>Builds the map; entries must come sorted by code offset.</summary>
    public SourceOffsets(IReadOnlyList<(uint CodeOffset, int WasmOffset)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        codeOffsets = new uint[entries.Count];
        wasmOffsets = new int[entries.Count];
        for (int i = 0; i < entries.Count; i++)
        {
            if (i > 0 && entries[i].CodeOffset < codeOffsets[i - 1])
                throw new ArgumentException($"source map entry {i} (code offset 0x{entries[i].CodeOffset:x}) is out of order", nameof(entries));
            codeOffsets[i] = entries[i].CodeOffset;
            wasmOffsets[i] = entries[i].WasmOffset;
        }
    }

    /// <summary>Number of entries.</summary>
    public int Count => codeOffsets.Length;

    /// <summary>The wasm byte offset of the code at <paramref name="offset"/>, looking only at entries at or after
    /// <paramref name="functionStart"/> (so one function never borrows another's source); null when unknown.</summary>
    public uint? Lookup(uint offset, uint functionStart)
    {
        int i = Array.BinarySearch(codeOffsets, offset);
        if (i < 0)
            i = ~i - 1;
        else
            while (i + 1 < codeOffsets.Length && codeOffsets[i + 1] == offset) i++; // the last entry for an offset wins
        if (i < 0 || codeOffsets[i] < functionStart || wasmOffsets[i] < 0)
            return null;
        return (uint)wasmOffsets[i];
    }
}
