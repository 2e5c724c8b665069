namespace Kiln.Reference;

/// <summary><c>wasmtime_component_valkind_t</c>: the discriminant of <c>wasmtime_component_val_t</c>, same numbers.</summary>
public enum ComponentValueKind : byte
{
    Bool = 0,
    S8 = 1,
    U8 = 2,
    S16 = 3,
    U16 = 4,
    S32 = 5,
    U32 = 6,
    S64 = 7,
    U64 = 8,
    F32 = 9,
    F64 = 10,
    Char = 11,
    String = 12,
    List = 13,
    Record = 14,
    Tuple = 15,
    Variant = 16,
    Enum = 17,
    Option = 18,
    Result = 19,
    Flags = 20,
    /// <summary>Resources are not bound by Kiln.Reference (a value of this kind is refused).</summary>
    Resource = 21,
    /// <summary>Maps are not bound by Kiln.Reference (a value of this kind is refused).</summary>
    Map = 22,
}
