namespace Kiln.Component.Model;

/// <summary>What an import or export is (Binary.md <c>externtype</c>), numbered by its encoding.</summary>
public enum ExternKind : byte
{
    /// <summary><c>(core module (type i))</c>, encoded <c>0x00 0x11 i</c>.</summary>
    Module = 0x00,
    Func = 0x01,
    Value = 0x02,
    Type = 0x03,
    Component = 0x04,
    Instance = 0x05,
}

/// <summary>
/// An extern type. <see cref="Index"/> is the (core) type index for module, func, component and
/// instance; a <c>type</c> extern uses <see cref="Bound"/>, a <c>value</c> extern <see cref="Value"/>.
/// </summary>
public sealed record ExternType(ExternKind Kind, uint Index)
{
    public TypeBound Bound { get; init; }
    public ValueBound Value { get; init; }

    public static ExternType OfType(TypeBound bound) => new(ExternKind.Type, 0) { Bound = bound };
    public static ExternType OfValue(ValueBound bound) => new(ExternKind.Value, 0) { Value = bound };
}

/// <summary><c>(eq i)</c> or <c>(sub resource)</c> (Binary.md <c>typebound</c>).</summary>
public readonly record struct TypeBound(bool IsSubResource, uint EqIndex)
{
    public static TypeBound Eq(uint index) => new(false, index);
    public static readonly TypeBound SubResource = new(true, 0);
}

/// <summary><c>(eq i)</c> on a value index, or a value type (Binary.md <c>valuebound</c>, 🪙).</summary>
public readonly record struct ValueBound(bool IsEq, uint EqIndex, ComponentValType Type)
{
    public static ValueBound Eq(uint valueIndex) => new(true, valueIndex, default);
    public static ValueBound OfType(ComponentValType t) => new(false, 0, t);
}
