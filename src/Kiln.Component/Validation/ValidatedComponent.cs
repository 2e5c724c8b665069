using Kiln.Component.Model;
using Kiln.Component.Validation.Types;

namespace Kiln.Component.Validation;

/// <summary>
/// The result of <see cref="ComponentValidator.ValidateDetailed"/>: the component's type, the arena every
/// resolved type lives in, and the final index spaces of each component definition (the outer one and every
/// nested one), for later stages that walk the component again (translation to a flat plan) and need the
/// resolved type behind a type, function, instance or component index.
/// </summary>
public sealed class ValidatedComponent
{
    private readonly Dictionary<WasmComponent, ComponentScopeTypes> _scopes = new(ReferenceEqualityComparer.Instance);

    internal ValidatedComponent(TypeArena types) => Types = types;

    public TypeArena Types { get; }
    public TypeId Id { get; internal set; }
    public ComponentTypeData Type => Types.Component(Id);

    /// <summary>The index spaces of <paramref name="component"/> (this one or a nested definition) after validation.</summary>
    public ComponentScopeTypes ScopeOf(WasmComponent component) =>
        _scopes.TryGetValue(component, out var s) ? s : throw new ArgumentException("the component was not part of this validation", nameof(component));

    internal void Record(WasmComponent component, Scope scope) =>
        _scopes[component] = new ComponentScopeTypes(scope.Types, scope.Funcs, scope.CoreFuncs, scope.Instances, scope.Components, scope.Imports, scope.Exports);
}

/// <summary>One component definition's resolved index spaces, in index order (imports and exports included, as they add indices).</summary>
public sealed record ComponentScopeTypes(
    IReadOnlyList<TypeId> Types,
    IReadOnlyList<TypeId> Funcs,
    IReadOnlyList<Kiln.Wasm.Model.FuncType> CoreFuncs,
    IReadOnlyList<TypeId> Instances,
    IReadOnlyList<TypeId> Components,
    IReadOnlyDictionary<string, EntityType> Imports,
    IReadOnlyDictionary<string, EntityType> Exports);
