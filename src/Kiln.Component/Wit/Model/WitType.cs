namespace Kiln.Component.Wit.Model;

/// <summary>The primitive WIT types.</summary>
public enum WitPrimitive : byte
{
    Bool, U8, U16, U32, U64, S8, S16, S32, S64, F32, F64, Char, String, ErrorContext,
}

/// <summary>A use of a type: a primitive, or a (named or anonymous) <see cref="WitTypeDef"/>.</summary>
public readonly record struct WitType
{
    private WitType(WitPrimitive primitive, WitTypeDef? def)
    {
        Primitive = primitive;
        Def = def;
    }

    public WitPrimitive Primitive { get; }
    public WitTypeDef? Def { get; }
    public bool IsPrimitive => Def is null;

    public static WitType Of(WitPrimitive p) => new(p, null);
    public static WitType Of(WitTypeDef def) => new(default, def);

    /// <summary>The keyword of each primitive, indexed by <see cref="WitPrimitive"/> (one table for lexer, parser and printer).</summary>
    public static readonly string[] PrimitiveNames =
        ["bool", "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "f32", "f64", "char", "string", "error-context"];

    /// <summary>The component-model primitive of each WIT primitive, indexed the same way.</summary>
    public static readonly Kiln.Component.Model.PrimValType[] ComponentPrimitives =
    [
        Kiln.Component.Model.PrimValType.Bool, Kiln.Component.Model.PrimValType.U8, Kiln.Component.Model.PrimValType.U16,
        Kiln.Component.Model.PrimValType.U32, Kiln.Component.Model.PrimValType.U64, Kiln.Component.Model.PrimValType.S8,
        Kiln.Component.Model.PrimValType.S16, Kiln.Component.Model.PrimValType.S32, Kiln.Component.Model.PrimValType.S64,
        Kiln.Component.Model.PrimValType.F32, Kiln.Component.Model.PrimValType.F64, Kiln.Component.Model.PrimValType.Char,
        Kiln.Component.Model.PrimValType.String, Kiln.Component.Model.PrimValType.ErrorContext,
    ];

    public static WitPrimitive FromComponent(Kiln.Component.Model.PrimValType p) =>
        (WitPrimitive)Array.IndexOf(ComponentPrimitives, p);
}
