namespace Kiln.Runtime;

/// <summary>The kind of a component value (<see cref="Val"/>), one per component value type constructor.</summary>
public enum ValKind : byte
{
    Bool, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, Char, String,
    List, Record, Tuple, Variant, Enum, Option, Result, Flags, Own, Borrow, Map,
}
