namespace Kiln.Component.Model;

/// <summary>Core sorts, numbered by their binary encoding (Binary.md <c>core:sort</c>; they match the
/// discriminants of core <c>externtype</c>).</summary>
public enum CoreSort : byte
{
    Func = 0x00,
    Table = 0x01,
    Memory = 0x02,
    Global = 0x03,
    Tag = 0x04,
    Type = 0x10,
    Module = 0x11,
    Instance = 0x12,
}

/// <summary>Component-level sort kinds, numbered by their binary encoding (Binary.md <c>sort</c>).</summary>
public enum SortKind : byte
{
    Core = 0x00,
    Func = 0x01,
    Value = 0x02,
    Type = 0x03,
    Component = 0x04,
    Instance = 0x05,
}

/// <summary>A sort: a component sort, or <c>core</c> with a core sort. Index spaces are keyed by it.</summary>
public readonly record struct Sort(SortKind Kind, CoreSort Core = CoreSort.Func)
{
    public static readonly Sort Func = new(SortKind.Func);
    public static readonly Sort Value = new(SortKind.Value);
    public static readonly Sort Type = new(SortKind.Type);
    public static readonly Sort Component = new(SortKind.Component);
    public static readonly Sort Instance = new(SortKind.Instance);
    public static Sort OfCore(CoreSort core) => new(SortKind.Core, core);

    public bool IsCore => Kind == SortKind.Core;

    /// <summary>The text-format spelling: <c>func</c>, <c>core func</c>, <c>core module</c>, …</summary>
    public override string ToString() => IsCore ? "core " + CoreSortText(Core) : Kind switch
    {
        SortKind.Func => "func",
        SortKind.Value => "value",
        SortKind.Type => "type",
        SortKind.Component => "component",
        SortKind.Instance => "instance",
        _ => $"<sort 0x{(byte)Kind:x2}>",
    };

    public static string CoreSortText(CoreSort s) => s switch
    {
        CoreSort.Func => "func",
        CoreSort.Table => "table",
        CoreSort.Memory => "memory",
        CoreSort.Global => "global",
        CoreSort.Tag => "tag",
        CoreSort.Type => "type",
        CoreSort.Module => "module",
        CoreSort.Instance => "instance",
        _ => $"<core sort 0x{(byte)s:x2}>",
    };
}

/// <summary>An index into the index space of a sort.</summary>
public readonly record struct SortIndex(Sort Sort, uint Index);
