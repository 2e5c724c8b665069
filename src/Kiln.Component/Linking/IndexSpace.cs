namespace Kiln.Component.Linking;

/// <summary>The index spaces of a core module an instruction or segment can refer to.</summary>
public enum IndexSpace : byte
{
    Type,
    Func,
    Table,
    Memory,
    Global,
    Tag,
    Elem,
    Data,
}
