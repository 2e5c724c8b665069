namespace Kiln.Wasm.Binary;

/// <summary>Section ids of the WebAssembly 2.0 binary format; values are the encoding.</summary>
public enum SectionId : byte
{
    Custom = 0,
    Type = 1,
    Import = 2,
    Function = 3,
    Table = 4,
    Memory = 5,
    Global = 6,
    Export = 7,
    Start = 8,
    Element = 9,
    Code = 10,
    Data = 11,
    DataCount = 12,
    /// <summary>Exception tags (Wasm 3.0); placed between memory and global.</summary>
    Tag = 13,
}

/// <summary>Where each known section must appear: the data count section sits between element and code,
/// so order is not the numeric id.</summary>
public static class SectionOrder
{
    /// <summary>The known sections in the order a module must list them.</summary>
    public static ReadOnlySpan<byte> Canonical =>
    [
        (byte)SectionId.Type, (byte)SectionId.Import, (byte)SectionId.Function, (byte)SectionId.Table,
        (byte)SectionId.Memory, (byte)SectionId.Tag, (byte)SectionId.Global, (byte)SectionId.Export, (byte)SectionId.Start,
        (byte)SectionId.Element, (byte)SectionId.DataCount, (byte)SectionId.Code, (byte)SectionId.Data,
    ];

    // Rank by id: 0 for custom (allowed anywhere), else 1-based position in Canonical.
    private static ReadOnlySpan<byte> Ranks => [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6];

    /// <summary>The largest section id a module may use.</summary>
    public const byte MaxId = (byte)SectionId.Tag;

    /// <summary>Position of a known section in the required order (1-based); 0 for custom sections.</summary>
    public static int Rank(byte id) => Ranks[id];
}
