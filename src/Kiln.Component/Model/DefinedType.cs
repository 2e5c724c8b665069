namespace Kiln.Component.Model;

/// <summary>A defined value type (Binary.md <c>defvaltype</c>), usable by index as a <see cref="ComponentValType"/>.</summary>
public abstract record DefinedType : TypeDefinition;

/// <summary>A primitive given its own type index: <c>(type u32)</c>.</summary>
public sealed record PrimitiveDefinedType(PrimValType Type) : DefinedType;

public sealed record RecordType(IReadOnlyList<LabeledType> Fields) : DefinedType;

public sealed record VariantType(IReadOnlyList<VariantCase> Cases) : DefinedType;

/// <summary>A variant case with an optional payload.</summary>
public readonly record struct VariantCase(string Label, ComponentValType? Type);

public sealed record ListType(ComponentValType Element) : DefinedType;

/// <summary><c>(list t len)</c>: a list of a fixed length (🔧, fixed-length lists).</summary>
public sealed record FixedListType(ComponentValType Element, uint Length) : DefinedType;

public sealed record TupleType(IReadOnlyList<ComponentValType> Types) : DefinedType;

public sealed record FlagsType(IReadOnlyList<string> Names) : DefinedType;

public sealed record EnumType(IReadOnlyList<string> Names) : DefinedType;

public sealed record OptionType(ComponentValType Type) : DefinedType;

public sealed record ResultType(ComponentValType? Ok, ComponentValType? Error) : DefinedType;

/// <summary><c>(own i)</c>: an owned handle to the resource type at index <see cref="ResourceIndex"/>.</summary>
public sealed record OwnType(uint ResourceIndex) : DefinedType;

/// <summary><c>(borrow i)</c>: a borrowed handle to the resource type at index <see cref="ResourceIndex"/>.</summary>
public sealed record BorrowType(uint ResourceIndex) : DefinedType;

/// <summary><c>(stream t?)</c> (🔀, async).</summary>
public sealed record StreamType(ComponentValType? Element) : DefinedType;

/// <summary><c>(future t?)</c> (🔀, async).</summary>
public sealed record FutureType(ComponentValType? Element) : DefinedType;

/// <summary><c>(map k v)</c> (🗺️, maps).</summary>
public sealed record MapType(ComponentValType Key, ComponentValType Value) : DefinedType;
