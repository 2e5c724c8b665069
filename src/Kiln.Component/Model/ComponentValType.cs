namespace Kiln.Component.Model;

/// <summary>
/// A component value type as written in a definition (Binary.md <c>valtype</c>): a primitive, or an
/// index into the type index space that must name a defined value type.
/// </summary>
public readonly record struct ComponentValType
{
    private ComponentValType(bool isPrimitive, PrimValType primitive, uint index)
    {
        IsPrimitive = isPrimitive;
        Primitive = primitive;
        TypeIndex = index;
    }

    public bool IsPrimitive { get; }
    public PrimValType Primitive { get; }
    public uint TypeIndex { get; }

    public static ComponentValType Of(PrimValType p) => new(true, p, 0);
    public static ComponentValType Ref(uint typeIndex) => new(false, default, typeIndex);

    public override string ToString() => IsPrimitive ? Primitive.ToText() : TypeIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
