using Kiln.Compiler.Component;
using Kiln.Component.Model;
using Kiln.Component.Validation.Types;
using Kiln.Runtime.Components.Abi;
using Kiln.Runtime.Components.Typed;

namespace Kiln.Runtime;

// Typed views: the embedder's fast path (Wasmtime's TypedFunc). Supported CLR types: see ComponentCodec<T>.
public sealed partial class ComponentFunc
{
    /// <summary>A typed view of a <c>func() -> TResult</c>; throws <see cref="ComponentTypeMismatchException"/> when
    /// the function has another type.</summary>
    public TypedComponentFunc<TResult> Typed<TResult>() =>
        new(Site(TypedComponentFunc<TResult>.ParamPrims, ComponentCodec<TResult>.Prim, ComponentCodec<TResult>.IsUnit, typeof(TResult)));

    /// <summary>A typed view of a <c>func(T1) -> TResult</c>.</summary>
    public TypedComponentFunc<T1, TResult> Typed<T1, TResult>() =>
        new(Site(TypedComponentFunc<T1, TResult>.ParamPrims, ComponentCodec<TResult>.Prim, ComponentCodec<TResult>.IsUnit, typeof(TResult), typeof(T1)));

    /// <summary>A typed view of a <c>func(T1, T2) -> TResult</c>.</summary>
    public TypedComponentFunc<T1, T2, TResult> Typed<T1, T2, TResult>() =>
        new(Site(TypedComponentFunc<T1, T2, TResult>.ParamPrims, ComponentCodec<TResult>.Prim, ComponentCodec<TResult>.IsUnit,
            typeof(TResult), typeof(T1), typeof(T2)));

    /// <summary>A typed view of a <c>func(T1, T2, T3) -> TResult</c>.</summary>
    public TypedComponentFunc<T1, T2, T3, TResult> Typed<T1, T2, T3, TResult>() =>
        new(Site(TypedComponentFunc<T1, T2, T3, TResult>.ParamPrims, ComponentCodec<TResult>.Prim, ComponentCodec<TResult>.IsUnit,
            typeof(TResult), typeof(T1), typeof(T2), typeof(T3)));

    private TypedCallSite Site(PrimValType?[] paramPrims, PrimValType? resultPrim, bool noResult, Type result, params Type[] clrParams)
    {
        _rt.Store.ThrowIfDisposed();
        if (_source is not LiftedFunction lifted)
            throw new ComponentFeatureNotSupportedException($"a typed view of `{Name}`, which is not lifted by the component");
        if (paramPrims.Length != _type.ParamTypes.Length)
            throw new ComponentTypeMismatchException($"`{Name}` takes {_type.ParamTypes.Length} parameters, the typed view {paramPrims.Length}");
        for (int i = 0; i < paramPrims.Length; i++)
            if (paramPrims[i] is not { } p || !Is(_type.ParamTypes[i], p))
                throw new ComponentTypeMismatchException($"parameter {i} (`{_type.ParamNames[i]}`) of `{Name}` is {Describe(_type.ParamTypes[i])}, not {ClrName(clrParams[i], paramPrims[i])}");
        if (noResult ? _type.Result is not null : _type.Result is not { } r || resultPrim is not { } rp || !Is(r, rp))
            throw new ComponentTypeMismatchException(
                $"the result of `{Name}` is {(_type.Result is { } rt ? Describe(rt) : "none (use ValueTuple)")}, not {(noResult ? "none" : ClrName(result, resultPrim))}");
        return new TypedCallSite(_rt, lifted);
    }

    private bool Is(ResolvedValType t, PrimValType p)
    {
        var (kind, prim, _) = CanonicalAbi.Shape(_rt.Plan.Types, t);
        return kind == DefinedKind.Primitive && prim == p;
    }

    private string Describe(ResolvedValType t) =>
        t.IsPrimitive ? t.Primitive.ToText() : _rt.Plan.Types.Defined(t.Type).Describe();

    private static string ClrName(Type t, PrimValType? p) => p is { } prim ? $"{prim.ToText()} ({t.Name})" : $"{t.Name} (no component type)";
}
