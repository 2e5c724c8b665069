using Kiln.Component.Model;

namespace Kiln.Component.Validation.Types;

public enum DefinedKind : byte
{
    Primitive, Record, Variant, List, FixedList, Map, Tuple, Flags, Enum, Option, Result, Own, Borrow, Future, Stream,
}

/// <summary>
/// A resolved defined value type. One shape for all kinds so walks over children (free resources,
/// substitution, naming, flattening) are one loop: <see cref="Names"/> holds record field, variant case,
/// flag and enum names; <see cref="Types"/> holds the child types (record fields, case payloads, tuple
/// elements; the element of list/option/future/stream/fixed list; <c>[ok, err]</c> of a result;
/// <c>[key, value]</c> of a map). <see cref="Resource"/> is the resource of own/borrow.
/// </summary>
public sealed class DefinedTypeData
{
    public DefinedKind Kind { get; init; }
    public PrimValType Primitive { get; init; }
    public string[] Names { get; init; } = [];
    public ResolvedValType?[] Types { get; init; } = [];
    public uint Length { get; init; }
    public TypeId Resource { get; init; }
    public TypeInfo Info { get; init; } = TypeInfo.Leaf;

    /// <summary>CanonicalABI.md <c>elem_size(t, 'i64')</c> (saturated) and <c>alignment(t, 'i64')</c>.</summary>
    public long ElemSize { get; init; }
    public int Alignment { get; init; } = 1;

    /// <summary>The unbounded flattening, filled on first use by <see cref="Canonical.Flattening.Of"/> (the runtime
    /// asks per call; a type's flattening never changes).</summary>
    internal Kiln.Wasm.Model.ValType[]? Flat { get; set; }

    public DefinedTypeData With(ResolvedValType?[] types, TypeId resource) => new()
    {
        Kind = Kind, Primitive = Primitive, Names = Names, Types = types, Length = Length, Resource = resource, Info = Info,
        ElemSize = ElemSize, Alignment = Alignment,
    };

    /// <summary>wasmparser's word for the kind, used in "expected X, found Y".</summary>
    public string Describe() => Kind switch
    {
        DefinedKind.Primitive => "primitive",
        DefinedKind.Record => "record",
        DefinedKind.Variant => "variant",
        DefinedKind.List => "list",
        DefinedKind.FixedList => "fixed-length list",
        DefinedKind.Map => "map",
        DefinedKind.Tuple => "tuple",
        DefinedKind.Flags => "flags",
        DefinedKind.Enum => "enum",
        DefinedKind.Option => "option",
        DefinedKind.Result => "result",
        DefinedKind.Own => "own",
        DefinedKind.Borrow => "borrow",
        DefinedKind.Future => "future",
        _ => "stream",
    };
}

/// <summary>A resolved component function type.</summary>
public sealed record FuncTypeData(bool Async, string[] ParamNames, ResolvedValType[] ParamTypes, ResolvedValType? Result, TypeInfo Info);
