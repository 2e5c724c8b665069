using System.Runtime.CompilerServices;
using Kiln.Runtime.Components.Typed;

namespace Kiln.Runtime;

/// <summary>
/// A typed view of a component function without parameters (<c>ComponentFunc.Typed<TResult>()</c>): the type is
/// checked once when the view is made; <see cref="Call"/> lowers the CLR arguments straight into core value slots (a
/// string through the callee's <c>realloc</c>), calls, lifts the result and runs post-return, allocating nothing but a
/// returned string. <typeparamref name="TResult"/> is <see cref="ValueTuple"/> for a function without a result.
/// </summary>
public sealed unsafe class TypedComponentFunc<TResult>
{
    private const int MaxSlots = 1;
    private readonly TypedCallSite _site;

    internal TypedComponentFunc(TypedCallSite site) => _site = site;

    internal static Kiln.Component.Model.PrimValType?[] ParamPrims => [];

    /// <summary>Calls the function and runs its post-return.</summary>
    [SkipLocalsInit]
    public TResult Call()
    {
        var site = _site;
        ulong* s = stackalloc ulong[2 * MaxSlots];
        site.Enter();
        return site.Finish<TResult>(s);
    }
}

/// <summary>
/// A typed view of a component function of one parameter (<c>ComponentFunc.Typed<T1, TResult>()</c>): the type is
/// checked once when the view is made; <see cref="Call"/> lowers the CLR arguments straight into core value slots (a
/// string through the callee's <c>realloc</c>), calls, lifts the result and runs post-return, allocating nothing but a
/// returned string. <typeparamref name="TResult"/> is <see cref="ValueTuple"/> for a function without a result.
/// </summary>
public sealed unsafe class TypedComponentFunc<T1, TResult>
{
    private const int MaxSlots = 2;
    private readonly TypedCallSite _site;

    internal TypedComponentFunc(TypedCallSite site) => _site = site;

    internal static Kiln.Component.Model.PrimValType?[] ParamPrims => [ComponentCodec<T1>.Prim];

    /// <summary>Calls the function and runs its post-return.</summary>
    [SkipLocalsInit]
    public TResult Call(T1 a1)
    {
        var site = _site;
        ulong* s = stackalloc ulong[2 * MaxSlots];
        site.Enter();
        try
        {
            ComponentCodec<T1>.Lower(site, s + 0, a1);
        }
        catch (ComponentTypeMismatchException)
        {
            site.Abandon();
            throw;
        }
        return site.Finish<TResult>(s);
    }
}

/// <summary>
/// A typed view of a component function of two parameters (<c>ComponentFunc.Typed<T1, T2, TResult>()</c>): the type is
/// checked once when the view is made; <see cref="Call"/> lowers the CLR arguments straight into core value slots (a
/// string through the callee's <c>realloc</c>), calls, lifts the result and runs post-return, allocating nothing but a
/// returned string. <typeparamref name="TResult"/> is <see cref="ValueTuple"/> for a function without a result.
/// </summary>
public sealed unsafe class TypedComponentFunc<T1, T2, TResult>
{
    private const int MaxSlots = 4;
    private readonly TypedCallSite _site;

    internal TypedComponentFunc(TypedCallSite site) => _site = site;

    internal static Kiln.Component.Model.PrimValType?[] ParamPrims => [ComponentCodec<T1>.Prim, ComponentCodec<T2>.Prim];

    /// <summary>Calls the function and runs its post-return.</summary>
    [SkipLocalsInit]
    public TResult Call(T1 a1, T2 a2)
    {
        var site = _site;
        ulong* s = stackalloc ulong[2 * MaxSlots];
        site.Enter();
        try
        {
            ComponentCodec<T1>.Lower(site, s + 0, a1);
            ComponentCodec<T2>.Lower(site, s + 2 * ComponentCodec<T1>.FlatSlots, a2);
        }
        catch (ComponentTypeMismatchException)
        {
            site.Abandon();
            throw;
        }
        return site.Finish<TResult>(s);
    }
}

/// <summary>
/// A typed view of a component function of three parameters (<c>ComponentFunc.Typed<T1, T2, T3, TResult>()</c>): the type is
/// checked once when the view is made; <see cref="Call"/> lowers the CLR arguments straight into core value slots (a
/// string through the callee's <c>realloc</c>), calls, lifts the result and runs post-return, allocating nothing but a
/// returned string. <typeparamref name="TResult"/> is <see cref="ValueTuple"/> for a function without a result.
/// </summary>
public sealed unsafe class TypedComponentFunc<T1, T2, T3, TResult>
{
    private const int MaxSlots = 6;
    private readonly TypedCallSite _site;

    internal TypedComponentFunc(TypedCallSite site) => _site = site;

    internal static Kiln.Component.Model.PrimValType?[] ParamPrims => [ComponentCodec<T1>.Prim, ComponentCodec<T2>.Prim, ComponentCodec<T3>.Prim];

    /// <summary>Calls the function and runs its post-return.</summary>
    [SkipLocalsInit]
    public TResult Call(T1 a1, T2 a2, T3 a3)
    {
        var site = _site;
        ulong* s = stackalloc ulong[2 * MaxSlots];
        site.Enter();
        try
        {
            ComponentCodec<T1>.Lower(site, s + 0, a1);
            ComponentCodec<T2>.Lower(site, s + 2 * ComponentCodec<T1>.FlatSlots, a2);
            ComponentCodec<T3>.Lower(site, s + 2 * ComponentCodec<T1>.FlatSlots + 2 * ComponentCodec<T2>.FlatSlots, a3);
        }
        catch (ComponentTypeMismatchException)
        {
            site.Abandon();
            throw;
        }
        return site.Finish<TResult>(s);
    }
}
