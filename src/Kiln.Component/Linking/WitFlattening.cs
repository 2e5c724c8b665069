using Kiln.Component.Wit.Model;
using Kiln.Wasm.Model;

namespace Kiln.Component.Linking;

/// <summary>
/// The canonical ABI's flattening of WIT types into core value types (CanonicalABI.md <c>flatten_type</c>,
/// <c>flatten_functype</c>), and which canonical options a function needs: memory when anything travels through
/// memory, <c>realloc</c> when the callee side must allocate (lowered results, lifted parameters with lists or strings).
/// </summary>
public static class WitFlattening
{
    public const int MaxFlatParams = 16;
    public const int MaxFlatResults = 1;

    /// <summary>The flat core types of one value of <paramref name="t"/>, appended to <paramref name="into"/>.</summary>
    public static void Flatten(WitType t, List<ValType> into)
    {
        if (t.Def is not { } def)
        {
            into.AddRange(t.Primitive switch
            {
                WitPrimitive.U64 or WitPrimitive.S64 => [ValType.I64],
                WitPrimitive.F32 => [ValType.F32],
                WitPrimitive.F64 => [ValType.F64],
                WitPrimitive.String => [ValType.I32, ValType.I32],
                _ => (ValType[])[ValType.I32],
            });
            return;
        }
        switch (def.Kind)
        {
            case WitAliasKind a: Flatten(a.Target, into); break;
            case WitRecordKind r: foreach (var f in r.Fields) Flatten(f.Type, into); break;
            case WitTupleKind tu: foreach (var e in tu.Types) Flatten(e, into); break;
            case WitListKind or WitMapKind: into.Add(ValType.I32); into.Add(ValType.I32); break;
            case WitFixedListKind fl: for (uint i = 0; i < fl.Length; i++) Flatten(fl.Element, into); break;
            case WitFlagsKind fk: for (int i = 0; i < (fk.Flags.Count + 31) / 32; i++) into.Add(ValType.I32); break;
            case WitVariantKind v: FlattenVariant(v.Cases.Select(c => c.Type), into); break;
            case WitOptionKind o: FlattenVariant([null, o.Type], into); break;
            case WitResultKind r: FlattenVariant([r.Ok, r.Err], into); break;
            // enum, resource handles, future, stream: one i32.
            default: into.Add(ValType.I32); break;
        }
    }

    private static void FlattenVariant(IEnumerable<WitType?> cases, List<ValType> into)
    {
        var joined = new List<ValType>();
        foreach (var c in cases)
        {
            if (c is not { } ct) continue;
            var flat = new List<ValType>();
            Flatten(ct, flat);
            for (int i = 0; i < flat.Count; i++)
            {
                if (i < joined.Count) joined[i] = Join(joined[i], flat[i]);
                else joined.Add(flat[i]);
            }
        }
        into.Add(ValType.I32); // the discriminant
        into.AddRange(joined);
    }

    private static ValType Join(ValType a, ValType b) =>
        a == b ? a : (a, b) is (ValType.I32, ValType.F32) or (ValType.F32, ValType.I32) ? ValType.I32 : ValType.I64;

    /// <summary>Whether a value of <paramref name="t"/> holds a string or list (so it points into memory).</summary>
    public static bool HasPointers(WitType t) => t.Def is not { } def ? t.Primitive == WitPrimitive.String : def.Kind switch
    {
        WitAliasKind a => HasPointers(a.Target),
        WitRecordKind r => r.Fields.Any(f => HasPointers(f.Type)),
        WitTupleKind tu => tu.Types.Any(HasPointers),
        WitListKind or WitMapKind => true,
        WitFixedListKind fl => HasPointers(fl.Element),
        WitVariantKind v => v.Cases.Any(c => c.Type is { } ct && HasPointers(ct)),
        WitOptionKind o => HasPointers(o.Type),
        WitResultKind r => (r.Ok is { } ok && HasPointers(ok)) || (r.Err is { } err && HasPointers(err)),
        _ => false,
    };

    public static List<ValType> FlatParams(WitFunction f)
    {
        var flat = new List<ValType>();
        foreach (var p in f.Params) Flatten(p.Type, flat);
        return flat;
    }

    public static List<ValType> FlatResults(WitFunction f)
    {
        var flat = new List<ValType>();
        if (f.Result is { } r) Flatten(r, flat);
        return flat;
    }

    /// <summary>The core signature of <paramref name="f"/> lowered into a module (<c>canon lower</c>).</summary>
    public static FuncType LoweredSignature(WitFunction f)
    {
        var ps = FlatParams(f);
        var rs = FlatResults(f);
        if (ps.Count > MaxFlatParams) ps = [ValType.I32];
        if (rs.Count > MaxFlatResults) { ps.Add(ValType.I32); rs = []; }
        return new FuncType([.. ps], [.. rs]);
    }

    /// <summary>The core signature a module's export must have to be lifted as <paramref name="f"/> (<c>canon lift</c>).</summary>
    public static FuncType LiftedSignature(WitFunction f)
    {
        var ps = FlatParams(f);
        var rs = FlatResults(f);
        if (ps.Count > MaxFlatParams) ps = [ValType.I32];
        if (rs.Count > MaxFlatResults) rs = [ValType.I32];
        return new FuncType([.. ps], [.. rs]);
    }

    /// <summary>The core signature of <c>cabi_post_NAME</c>: the flat results of the lifted function.</summary>
    public static FuncType PostReturnSignature(WitFunction f) => new([.. LiftedSignature(f).Results], []);

    private static bool ParamsPointTo(WitFunction f) => f.Params.Any(p => HasPointers(p.Type));
    private static bool ResultPointsTo(WitFunction f) => f.Result is { } r && HasPointers(r);

    /// <summary>A lowered import needs memory when anything crosses through it; realloc when the host writes lists
    /// or strings of the result into the module.</summary>
    public static (bool Memory, bool Realloc) LowerNeeds(WitFunction f)
    {
        bool realloc = ResultPointsTo(f);
        bool memory = realloc || ParamsPointTo(f) || FlatParams(f).Count > MaxFlatParams || FlatResults(f).Count > MaxFlatResults;
        return (memory, realloc);
    }

    /// <summary>A lifted export needs memory when anything crosses through it; realloc when the caller's lists or
    /// strings (or spilled parameters) are written into the module.</summary>
    public static (bool Memory, bool Realloc) LiftNeeds(WitFunction f)
    {
        bool realloc = ParamsPointTo(f) || FlatParams(f).Count > MaxFlatParams;
        bool memory = realloc || ResultPointsTo(f) || FlatResults(f).Count > MaxFlatResults;
        return (memory, realloc);
    }
}
