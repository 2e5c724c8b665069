using Kiln.Component.Model;
using Kiln.Component.Validation.Types;
using Kiln.Wasm.Model;

namespace Kiln.Component.Validation.Canonical;

/// <summary>
/// The core signature of a lifted or lowered function (CanonicalABI.md "Flattening"): parameters flatten
/// to at most <see cref="MaxFlatParams"/> core values (4 for an async lowering), else one pointer; results to
/// at most <see cref="MaxFlatResults"/>, else a return pointer (lowering) or a returned pointer (lifting).
/// Checks on the way that strings and lists have a memory, and a realloc where the callee allocates.
/// </summary>
public static class Flattening
{
    public const int MaxFlatParams = 16;
    public const int MaxFlatAsyncParams = 4;
    public const int MaxFlatResults = 1;

    internal static FuncType Signature(TypeArena types, FuncTypeData f, CanonOptions o, bool lift, long offset)
    {
        var ptr = CanonOptions.PointerType;
        var ps = new FlatList(!lift && o.Async ? MaxFlatAsyncParams : MaxFlatParams);
        var rs = new FlatList(MaxFlatResults);

        foreach (var p in f.ParamTypes)
        {
            // Lowered (imported) functions read strings and lists from the caller's memory; lifted ones
            // receive them into their own memory, allocated with realloc.
            bool hasPtr = types.ContainsPointer(p);
            if (lift) o.RequireReallocIf(hasPtr, offset);
            else o.RequireMemoryIf(hasPtr, offset);
            if (!Push(types, p, ps))
            {
                ps.Clear();
                ps.TryPush(ptr);
                o.RequireMemory(offset);
                if (lift) o.RequireRealloc(offset);
                break;
            }
        }

        if (f.Result is { } r) o.RequireReallocIf(!lift && types.ContainsPointer(r), offset);

        if (!o.Async)
        {
            if (f.Result is { } res && !Push(types, res, rs))
            {
                rs.Clear();
                o.RequireMemory(offset);
                if (lift) rs.TryPush(ptr);
                else { ps.Max = MaxFlatParams + 1; ps.TryPush(ptr); }
            }
        }
        else if (!lift)
        {
            if (f.Result is not null)
            {
                ps.Max = MaxFlatParams + 1;
                ps.TryPush(ValType.I32);
                o.RequireMemory(offset);
            }
            rs.TryPush(ValType.I32);
        }
        else
        {
            // An async lift returns its result through task.return, not from the core function.
            if (f.Result is { } res)
            {
                bool overflow = !Push(types, res, new FlatList(MaxFlatParams));
                o.RequireMemoryIf(overflow || types.ContainsPointer(res), offset);
            }
            if (o.Callback is not null) rs.TryPush(ValType.I32);
        }
        return new FuncType(ps.ToArray(), rs.ToArray());
    }

    /// <summary>The flattening of <paramref name="ts"/>, or null when it needs more than <paramref name="max"/> values
    /// (the one definition the validator, the adapter compiler and the runtime's canonical ABI share).</summary>
    public static ValType[]? Flatten(TypeArena types, IReadOnlyList<ResolvedValType> ts, int max)
    {
        var list = new FlatList(max);
        foreach (var t in ts)
            if (!Push(types, t, list)) return null;
        return list.ToArray();
    }

    /// <summary>Whether <paramref name="ts"/> flatten to at most <paramref name="max"/> values (no allocation).</summary>
    public static bool Fits(TypeArena types, IReadOnlyList<ResolvedValType> ts, int max)
    {
        long n = 0;
        foreach (var t in ts) n += Of(types, t).Length;
        return n <= max;
    }

    private static readonly ValType[] FlatI32 = [ValType.I32], FlatI64 = [ValType.I64], FlatF32 = [ValType.F32],
        FlatF64 = [ValType.F64], FlatPair = [CanonOptions.PointerType, CanonOptions.PointerType];

    /// <summary>The unbounded flattening of one type, shared (do not modify it): computed once per defined type.</summary>
    public static ValType[] Of(TypeArena types, ResolvedValType t)
    {
        if (t.IsPrimitive) return OfPrimitive(t.Primitive);
        var d = types.Defined(t.Type);
        if (d.Kind == DefinedKind.Primitive) return OfPrimitive(d.Primitive);
        if (d.Flat is { } cached) return cached;
        var list = new FlatList(int.MaxValue);
        Push(types, t, list);
        return d.Flat = list.ToArray();
    }

    private static ValType[] OfPrimitive(PrimValType p) => p switch
    {
        PrimValType.S64 or PrimValType.U64 => FlatI64,
        PrimValType.F32 => FlatF32,
        PrimValType.F64 => FlatF64,
        PrimValType.String => FlatPair,
        _ => FlatI32,
    };

    /// <summary>Appends the flattening of <paramref name="t"/>; false when it does not fit.</summary>
    public static bool Push(TypeArena types, ResolvedValType t, FlatList into)
    {
        if (t.IsPrimitive) return PushPrimitive(t.Primitive, into);
        var d = types.Defined(t.Type);
        switch (d.Kind)
        {
            case DefinedKind.Primitive: return PushPrimitive(d.Primitive, into);
            case DefinedKind.Record or DefinedKind.Tuple:
                foreach (var c in d.Types)
                    if (!Push(types, c!.Value, into)) return false;
                return true;
            case DefinedKind.List or DefinedKind.Map:
                return into.TryPush(CanonOptions.PointerType) && into.TryPush(CanonOptions.PointerType);
            case DefinedKind.FixedList:
                for (uint i = 0; i < d.Length; i++)
                    if (!Push(types, d.Types[0]!.Value, into)) return false;
                return true;
            case DefinedKind.Flags:
                for (int i = 0; i < (d.Names.Length + 31) / 32; i++)
                    if (!into.TryPush(ValType.I32)) return false;
                return true;
            case DefinedKind.Enum or DefinedKind.Own or DefinedKind.Borrow or DefinedKind.Future or DefinedKind.Stream:
                return into.TryPush(ValType.I32);
            default: // variant, option, result: a discriminant, then the cases' flattenings joined
                return PushCases(types, d.Types, into);
        }
    }

    private static bool PushCases(TypeArena types, ResolvedValType?[] cases, FlatList into)
    {
        if (!into.TryPush(ValType.I32)) return false;
        int start = into.Count;
        foreach (var c in cases)
        {
            if (c is not { } ct) continue;
            var temp = new FlatList(into.Max);
            if (!Push(types, ct, temp)) return false;
            for (int i = 0; i < temp.Count; i++)
            {
                if (start + i < into.Count) into[start + i] = Join(into[start + i], temp[i]);
                else if (!into.TryPush(temp[i])) return false;
            }
        }
        return true;
    }

    private static ValType Join(ValType a, ValType b)
    {
        if (a == b) return a;
        if ((a == ValType.I32 && b == ValType.F32) || (a == ValType.F32 && b == ValType.I32)) return ValType.I32;
        return ValType.I64;
    }

    private static bool PushPrimitive(PrimValType p, FlatList into) => p switch
    {
        PrimValType.S64 or PrimValType.U64 => into.TryPush(ValType.I64),
        PrimValType.F32 => into.TryPush(ValType.F32),
        PrimValType.F64 => into.TryPush(ValType.F64),
        PrimValType.String => into.TryPush(CanonOptions.PointerType) && into.TryPush(CanonOptions.PointerType),
        _ => into.TryPush(ValType.I32),
    };

    /// <summary>wasmparser's spelling of a core type list in errors: <c>[I32, I64]</c>.</summary>
    public static string Describe(ValType[] types) =>
        "[" + string.Join(", ", types.Select(t => t switch
        {
            ValType.I32 => "I32",
            ValType.I64 => "I64",
            ValType.F32 => "F32",
            ValType.F64 => "F64",
            ValType.V128 => "V128",
            _ => t.ToText(),
        })) + "]";
}

/// <summary>A bounded list of flat core types; pushing past <see cref="Max"/> fails.</summary>
public sealed class FlatList(int max)
{
    private readonly List<ValType> _items = [];

    public int Max { get; set; } = max;
    public int Count => _items.Count;

    public ValType this[int i]
    {
        get => _items[i];
        set => _items[i] = value;
    }

    public bool TryPush(ValType t)
    {
        if (_items.Count >= Max) return false;
        _items.Add(t);
        return true;
    }

    public void Clear() => _items.Clear();

    public ValType[] ToArray() => [.. _items];
}
