using Kiln.Wasm.Model;

namespace Kiln.Component.Model;

/// <summary>
/// A component-level type definition (Binary.md <c>deftype</c>): a defined value type, a function type,
/// a component type, an instance type or a resource type. Each adds one entry to the type index space.
/// </summary>
public abstract record TypeDefinition : ComponentItem;

/// <summary><c>(resource (rep i32) (dtor f)?)</c>; the destructor is a core function index.</summary>
public sealed record ResourceTypeDefinition(ValType Representation, uint? Destructor) : TypeDefinition;

/// <summary><c>(func async? (param "l" t)* (result t)?)</c>.</summary>
public sealed record ComponentFuncType(IReadOnlyList<LabeledType> Params, ComponentValType? Result, bool Async = false) : TypeDefinition;

/// <summary>A named field, parameter or case payload.</summary>
public readonly record struct LabeledType(string Label, ComponentValType Type);

/// <summary><c>(component decl*)</c>: the type of a component, with import and export declarators.</summary>
public sealed record ComponentTypeDefinition(IReadOnlyList<TypeDeclaration> Declarations) : TypeDefinition;

/// <summary><c>(instance decl*)</c>: the type of an instance (no import declarators).</summary>
public sealed record InstanceTypeDefinition(IReadOnlyList<TypeDeclaration> Declarations) : TypeDefinition;
