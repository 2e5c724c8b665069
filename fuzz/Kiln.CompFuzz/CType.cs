namespace Kiln.CompFuzz;

/// <summary>The kinds of component-model value types the generator draws.</summary>
public enum CKind
{
    Bool, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, Char, String,
    /// <summary>Handles of the owner component's resource (only as top-level parameters of <c>f</c>).</summary>
    Own, Borrow,
    List, Record, Tuple, Variant, Enum, Option, Result, Flags,
}

/// <summary>A core wasm value type of a flattened component value.</summary>
public enum CoreType { I32, I64, F32, F64 }

/// <summary>
/// A generated component-model value type (a tree; every compound node has its own <see cref="Id"/>, which names its
/// type declaration <c>$tId</c> and its hash walkers), with its canonical ABI layout and flattening computed once.
/// Invariants: records, tuples, variants, enums and flags are never empty (the component model refuses empty ones);
/// a variant's <see cref="Cases"/> holds one entry per case, null for a case without payload; option is
/// <c>[null, T]</c> (none, some) and result <c>[ok, err]</c>, so the three share the variant layout.
/// </summary>
public sealed class CType
{
    public CKind Kind { get; }
    public int Id { get; }
    /// <summary>List element.</summary>
    public CType? Elem { get; }
    /// <summary>Record fields and tuple items.</summary>
    public IReadOnlyList<CType> Fields { get; } = [];
    /// <summary>Variant, option and result cases (payload or null).</summary>
    public IReadOnlyList<CType?> Cases { get; } = [];
    /// <summary>Enum cases and flags.</summary>
    public int Count { get; }

    public int Size { get; }
    public int Align { get; }
    /// <summary>Variant/enum: discriminant byte size; payload offset.</summary>
    public int DiscSize { get; }
    public int PayloadOffset { get; }
    /// <summary>Record/tuple: the offset of each field.</summary>
    public IReadOnlyList<int> Offsets { get; } = [];
    public IReadOnlyList<CoreType> Flat { get; }

    private CType(CKind kind, int id, CType? elem, IReadOnlyList<CType>? fields, IReadOnlyList<CType?>? cases, int count)
    {
        Kind = kind; Id = id; Elem = elem; Fields = fields ?? []; Cases = cases ?? []; Count = count;
        (Size, Align) = kind switch
        {
            CKind.Bool or CKind.S8 or CKind.U8 => (1, 1),
            CKind.S16 or CKind.U16 => (2, 2),
            CKind.S32 or CKind.U32 or CKind.F32 or CKind.Char or CKind.Own or CKind.Borrow => (4, 4),
            CKind.S64 or CKind.U64 or CKind.F64 => (8, 8),
            CKind.String or CKind.List => (8, 4),
            CKind.Flags => count <= 8 ? (1, 1) : count <= 16 ? (2, 2) : (4 * ((count + 31) / 32), 4),
            _ => (0, 0),
        };
        Flat = [];
        switch (kind)
        {
            case CKind.Record or CKind.Tuple:
            {
                int off = 0, align = 1;
                var offs = new int[Fields.Count];
                var flat = new List<CoreType>();
                for (int i = 0; i < Fields.Count; i++)
                {
                    off = AlignTo(off, Fields[i].Align);
                    offs[i] = off;
                    off += Fields[i].Size;
                    align = Math.Max(align, Fields[i].Align);
                    flat.AddRange(Fields[i].Flat);
                }
                Offsets = offs; Align = align; Size = AlignTo(off, align); Flat = flat;
                break;
            }
            case CKind.Variant or CKind.Option or CKind.Result or CKind.Enum:
            {
                int n = kind == CKind.Enum ? count : Cases.Count;
                DiscSize = n <= 256 ? 1 : n <= 65536 ? 2 : 4;
                int maxSize = 0, maxAlign = DiscSize;
                var payload = new List<CoreType>();
                foreach (var c in Cases)
                {
                    if (c is null) continue;
                    maxSize = Math.Max(maxSize, c.Size);
                    maxAlign = Math.Max(maxAlign, c.Align);
                    for (int j = 0; j < c.Flat.Count; j++)
                    {
                        if (j < payload.Count) payload[j] = Join(payload[j], c.Flat[j]);
                        else payload.Add(c.Flat[j]);
                    }
                }
                PayloadOffset = AlignTo(DiscSize, maxAlign);
                Align = maxAlign;
                Size = AlignTo(PayloadOffset + maxSize, maxAlign);
                Flat = [CoreType.I32, .. payload];
                break;
            }
            case CKind.Flags:
                Flat = [.. Enumerable.Repeat(CoreType.I32, (count + 31) / 32)];
                break;
            case CKind.String or CKind.List:
                Flat = [CoreType.I32, CoreType.I32];
                break;
            case CKind.S64 or CKind.U64: Flat = [CoreType.I64]; break;
            case CKind.F32: Flat = [CoreType.F32]; break;
            case CKind.F64: Flat = [CoreType.F64]; break;
            default: Flat = [CoreType.I32]; break;
        }
    }

    public static CType Scalar(CKind kind) => new(kind, -1, null, null, null, 0);
    public static CType List(int id, CType elem) => new(CKind.List, id, elem, null, null, 0);
    public static CType Record(int id, IReadOnlyList<CType> fields) => new(CKind.Record, id, null, fields, null, 0);
    public static CType Tuple(int id, IReadOnlyList<CType> items) => new(CKind.Tuple, id, null, items, null, 0);
    public static CType Variant(int id, IReadOnlyList<CType?> cases) => new(CKind.Variant, id, null, null, cases, 0);
    public static CType Option(int id, CType some) => new(CKind.Option, id, null, null, [null, some], 0);
    public static CType Result(int id, CType? ok, CType? err) => new(CKind.Result, id, null, null, [ok, err], 0);
    public static CType Enum(int id, int count) => new(CKind.Enum, id, null, null, null, count);
    public static CType Flags(int id, int count) => new(CKind.Flags, id, null, null, null, count);

    public bool IsScalar => Kind <= CKind.Borrow;

    public bool IsHandle => Kind is CKind.Own or CKind.Borrow;

    /// <summary>The type as <c>run</c> (the host's view) has it: a handle is the u32 its resource is made from.</summary>
    public string HostRef => IsHandle ? "u32" : Ref;

    public static int AlignTo(int x, int a) => (x + a - 1) / a * a;

    /// <summary>The canonical ABI's join of two flat types.</summary>
    public static CoreType Join(CoreType a, CoreType b) =>
        a == b ? a : (a, b) is (CoreType.I32, CoreType.F32) or (CoreType.F32, CoreType.I32) ? CoreType.I32 : CoreType.I64;

    /// <summary>The label of case <paramref name="i"/> (variant, option, result and enum).</summary>
    public string CaseName(int i) => Kind switch
    {
        CKind.Option => i == 0 ? "none" : "some",
        CKind.Result => i == 0 ? "ok" : "error",
        CKind.Enum => $"e{i}",
        _ => $"c{i}",
    };

    public int CaseCount => Kind == CKind.Enum ? Count : Cases.Count;

    /// <summary>The component text of a reference to this type: a primitive's name or <c>$tId</c>.</summary>
    public string Ref => Kind switch
    {
        CKind.Bool => "bool", CKind.S8 => "s8", CKind.U8 => "u8", CKind.S16 => "s16", CKind.U16 => "u16",
        CKind.S32 => "s32", CKind.U32 => "u32", CKind.S64 => "s64", CKind.U64 => "u64",
        CKind.F32 => "f32", CKind.F64 => "f64", CKind.Char => "char", CKind.String => "string",
        CKind.Own => "(own $r)", CKind.Borrow => "(borrow $r)",
        _ => $"$t{Id}",
    };

    /// <summary>The body of this compound type's declaration (children by <see cref="Ref"/>).</summary>
    public string Declaration()
    {
        switch (Kind)
        {
            case CKind.List: return $"(list {Elem!.Ref})";
            case CKind.Record: return "(record" + string.Concat(Fields.Select((f, i) => $" (field \"f{i}\" {f.Ref})")) + ")";
            case CKind.Tuple: return "(tuple" + string.Concat(Fields.Select(f => " " + f.Ref)) + ")";
            case CKind.Variant:
                return "(variant" + string.Concat(Cases.Select((c, i) => c is null ? $" (case \"c{i}\")" : $" (case \"c{i}\" {c.Ref})")) + ")";
            case CKind.Option: return $"(option {Cases[1]!.Ref})";
            case CKind.Result:
                return "(result" + (Cases[0] is { } ok ? " " + ok.Ref : "") + (Cases[1] is { } err ? $" (error {err.Ref})" : "") + ")";
            case CKind.Enum: return "(enum" + string.Concat(Enumerable.Range(0, Count).Select(i => $" \"e{i}\"")) + ")";
            case CKind.Flags: return "(flags" + string.Concat(Enumerable.Range(0, Count).Select(i => $" \"g{i}\"")) + ")";
            default: throw new InvalidOperationException($"{Kind} has no declaration");
        }
    }

    /// <summary>Every compound node of this tree, children before parents (declaration order).</summary>
    public void CollectCompound(List<CType> into)
    {
        if (IsScalar) return;
        Elem?.CollectCompound(into);
        foreach (var f in Fields) f.CollectCompound(into);
        foreach (var c in Cases) c?.CollectCompound(into);
        into.Add(this);
    }

    /// <summary>A WIT-like text of the type, for reports.</summary>
    public override string ToString() => Kind switch
    {
        CKind.List => $"list<{Elem}>",
        CKind.Record => "record{" + string.Join(", ", Fields.Select((f, i) => $"f{i}: {f}")) + "}",
        CKind.Tuple => "tuple<" + string.Join(", ", Fields) + ">",
        CKind.Variant => "variant{" + string.Join(", ", Cases.Select((c, i) => c is null ? $"c{i}" : $"c{i}({c})")) + "}",
        CKind.Option => $"option<{Cases[1]}>",
        CKind.Result => $"result<{(object?)Cases[0] ?? "_"}, {(object?)Cases[1] ?? "_"}>",
        CKind.Enum => $"enum({Count})",
        CKind.Flags => $"flags({Count})",
        CKind.Own => "own<r>", CKind.Borrow => "borrow<r>",
        _ => Ref,
    };
}
