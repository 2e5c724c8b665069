namespace Kiln.Component.Validation.Types;

/// <summary>What a <see cref="TypeId"/> points at in the <see cref="TypeArena"/>.</summary>
public enum TypeKind : byte
{
    Defined,
    Func,
    Component,
    Instance,
    /// <summary>A resource type: <see cref="TypeId.Index"/> is the resource's identity, not an arena slot.</summary>
    Resource,
}

/// <summary>
/// A resolved component-level type. <see cref="Kind"/> and <see cref="Index"/> say which type it is
/// structurally; <see cref="Alias"/> gives a separate identity to a type re-introduced by a type import
/// or export (<c>(export "t" (type $t))</c>), because whether a type is "named" for an export depends on
/// which introduction a definition refers to, not on its structure. Subtyping ignores the alias.
/// </summary>
public readonly record struct TypeId(TypeKind Kind, int Index, int Alias = 0)
{
    public bool IsResource => Kind == TypeKind.Resource;

    public string Describe() => Kind switch
    {
        TypeKind.Defined => "defined type",
        TypeKind.Func => "func",
        TypeKind.Component => "component",
        TypeKind.Instance => "instance",
        _ => "resource",
    };
}

/// <summary>A resolved value type: a primitive, or a defined type of the arena.</summary>
public readonly record struct ResolvedValType(bool IsPrimitive, Model.PrimValType Primitive, TypeId Type)
{
    public static ResolvedValType Of(Model.PrimValType p) => new(true, p, default);
    public static ResolvedValType Of(TypeId defined) => new(false, default, defined);
}

/// <summary>
/// Size, nesting depth and whether a <c>borrow</c> occurs inside: what wasmparser keeps per type to
/// bound the cost of later checks (a type of more than a million parts is refused) and to reject
/// borrows in results.
/// </summary>
public readonly record struct TypeInfo(int Size, int Depth, bool ContainsBorrow)
{
    public const int MaxSize = 1_000_000;
    public const int MaxDepth = 100;

    public static readonly TypeInfo Leaf = new(1, 1, false);
    public static readonly TypeInfo BorrowLeaf = new(1, 1, true);

    /// <summary>This info as an aggregate that also holds <paramref name="other"/>.</summary>
    public TypeInfo Combine(TypeInfo other, long offset)
    {
        long size = (long)Size + other.Size;
        if (size >= MaxSize)
            throw new ComponentValidationException($"effective type size exceeds the limit of {MaxSize}", offset);
        return new((int)size, Math.Max(Depth, Math.Min(other.Depth + 1, 127)), ContainsBorrow || other.ContainsBorrow);
    }
}
