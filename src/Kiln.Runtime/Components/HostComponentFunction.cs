using Kiln.Component.Model;
using Kiln.Component.Validation.Types;

namespace Kiln.Runtime.Components;

/// <summary>A host function defined in a <see cref="ComponentLinker"/>: dynamic (no declared types) or typed (its
/// C# parameter and result types, checked against the import's function type at link time).</summary>
internal sealed class HostComponentFunction(Func<Val[], Val?> body, Type[]? parameters, Type? result)
{
    public Val? Invoke(Val[] args) => body(args);

    public void CheckAgainst(FuncTypeData type, TypeArena types, string where)
    {
        if (parameters is null) return;
        if (parameters.Length != type.ParamTypes.Length)
            throw new ComponentLinkException($"import `{where}`: the host function takes {parameters.Length} parameters, the import {type.ParamTypes.Length}");
        for (int i = 0; i < parameters.Length; i++)
            if (!Same(types, type.ParamTypes[i], HostValues.Describe(parameters[i])))
                throw new ComponentLinkException($"import `{where}`: parameter `{type.ParamNames[i]}` is {Describe(types, type.ParamTypes[i])}, the host function takes {HostValues.Describe(parameters[i]).ToText()}");
        if ((result is null) != (type.Result is null))
            throw new ComponentLinkException($"import `{where}`: the host function {(result is null ? "returns nothing" : "returns a value")}, the import {(type.Result is null ? "returns nothing" : "returns a value")}");
        if (result is not null && !Same(types, type.Result!.Value, HostValues.Describe(result)))
            throw new ComponentLinkException($"import `{where}`: the result is {Describe(types, type.Result!.Value)}, the host function returns {HostValues.Describe(result).ToText()}");
    }

    private static bool Same(TypeArena types, ResolvedValType t, PrimValType p) =>
        t.IsPrimitive ? t.Primitive == p : types.Defined(t.Type) is { Kind: DefinedKind.Primitive } d && d.Primitive == p;

    private static string Describe(TypeArena types, ResolvedValType t) =>
        t.IsPrimitive ? t.Primitive.ToText() : types.Defined(t.Type).Describe();
}
