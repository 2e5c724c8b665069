using System.Globalization;

namespace Kiln.CompFuzz;

/// <summary>
/// A change the caller makes to its (valid) parameters after hashing them and before forwarding them to the
/// callee, so the adapter lifts bad or unnormalized values out of the caller: high bits over a narrow integer or a
/// bool's i32 (the ABI keeps the low bits, any nonzero bool is true), flag bits past the last flag (ignored), a
/// char that is not a scalar value, a discriminant past the last case, a string or list pointer past the memory,
/// a length past it, a pointer one byte off its alignment (all of those trap). <see cref="Code"/> is the core wasm
/// that does it inside the caller's <c>run</c>.
/// </summary>
public sealed record ParamCorruption(string What, string Code)
{
    public override string ToString() => What;

    private enum Kind { Narrow8, Narrow16, Bool, Char, Disc, Flags, Ptr, Len }

    private readonly record struct Site(Kind Kind, int Slot, int Offset, int Size, int Cases, int Align, string Where);

    /// <summary>Draws one corruption of the parameters <paramref name="vs"/> of <paramref name="ps"/>, or null when
    /// there is no place to corrupt. Flat parameters are changed in their locals (typed
    /// <paramref name="flatTypes"/>); parameters in memory through the tuple pointer in local 0.</summary>
    public static ParamCorruption? Draw(Random rng, IReadOnlyList<CType> ps, IReadOnlyList<Val> vs, bool inMemory, IReadOnlyList<CoreType> flatTypes)
    {
        var sites = new List<Site>();
        if (inMemory)
        {
            var tuple = CType.Tuple(-1, ps);
            for (int i = 0; i < ps.Count; i++) MemSites(ps[i], vs[i], tuple.Offsets[i], $"p{i}", sites);
        }
        else
        {
            int slot = 0;
            for (int i = 0; i < ps.Count; i++) { FlatSites(ps[i], vs[i], slot, $"p{i}", sites); slot += ps[i].Flat.Count; }
        }
        if (sites.Count == 0) return null;
        var s = sites[rng.Next(sites.Count)];
        return inMemory ? InMemory(rng, s) : Flat(rng, s, flatTypes[s.Slot]);
    }

    private static void FlatSites(CType t, Val v, int slot, string where, List<Site> into)
    {
        switch (t.Kind)
        {
            case CKind.U8 or CKind.S8: into.Add(new(Kind.Narrow8, slot, 0, 0, 0, 1, where)); break;
            case CKind.U16 or CKind.S16: into.Add(new(Kind.Narrow16, slot, 0, 0, 0, 1, where)); break;
            case CKind.Bool: into.Add(new(Kind.Bool, slot, 0, 0, 0, 1, where)); break;
            case CKind.Char: into.Add(new(Kind.Char, slot, 0, 0, 0, 1, where)); break;
            case CKind.Enum: into.Add(new(Kind.Disc, slot, 0, 0, t.Count, 1, where)); break;
            case CKind.Flags: if (t.Count < 32) into.Add(new(Kind.Flags, slot, 0, 0, t.Count, 1, where)); break;
            case CKind.String or CKind.List:
            {
                int align = t.Kind == CKind.List ? t.Elem!.Align : 1;
                into.Add(new(Kind.Ptr, slot, 0, 0, 0, align, where + ".ptr"));
                into.Add(new(Kind.Len, slot + 1, 0, 0, 0, align, where + ".len"));
                break;
            }
            case CKind.Record or CKind.Tuple:
                for (int i = 0; i < t.Fields.Count; i++) { FlatSites(t.Fields[i], v.Items[i], slot, $"{where}.{i}", into); slot += t.Fields[i].Flat.Count; }
                break;
            case CKind.Variant or CKind.Option or CKind.Result:
            {
                into.Add(new(Kind.Disc, slot, 0, 0, t.Cases.Count, 1, where + ".disc"));
                int c = AbiImage.CaseIndex(t, v);
                if (t.Cases[c] is { } p) FlatSites(p, v.Payload!, slot + 1, $"{where}.{t.CaseName(c)}", into);
                break;
            }
        }
    }

    private static void MemSites(CType t, Val v, int off, string where, List<Site> into)
    {
        switch (t.Kind)
        {
            case CKind.Bool: into.Add(new(Kind.Bool, 0, off, 1, 0, 1, where)); break;
            case CKind.Char: into.Add(new(Kind.Char, 0, off, 4, 0, 4, where)); break;
            case CKind.Enum: into.Add(new(Kind.Disc, 0, off, t.DiscSize, t.Count, 1, where)); break;
            case CKind.Flags: if (t.Count < 8 * Math.Min(t.Size, 4)) into.Add(new(Kind.Flags, 0, off, Math.Min(t.Size, 4), t.Count, 1, where)); break;
            case CKind.String or CKind.List:
            {
                int align = t.Kind == CKind.List ? t.Elem!.Align : 1;
                into.Add(new(Kind.Ptr, 0, off, 4, 0, align, where + ".ptr"));
                into.Add(new(Kind.Len, 0, off + 4, 4, 0, align, where + ".len"));
                break;
            }
            case CKind.Record or CKind.Tuple:
                for (int i = 0; i < t.Fields.Count; i++) MemSites(t.Fields[i], v.Items[i], off + t.Offsets[i], $"{where}.{i}", into);
                break;
            case CKind.Variant or CKind.Option or CKind.Result:
            {
                into.Add(new(Kind.Disc, 0, off, t.DiscSize, t.Cases.Count, 1, where + ".disc"));
                int c = AbiImage.CaseIndex(t, v);
                if (t.Cases[c] is { } p) MemSites(p, v.Payload!, off + t.PayloadOffset, $"{where}.{t.CaseName(c)}", into);
                break;
            }
        }
    }

    private static string I(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static ParamCorruption Flat(Random rng, Site s, CoreType slotType)
    {
        string k = I(s.Slot);
        bool wide = slotType == CoreType.I64;
        string t = wide ? "i64" : "i32";
        string Set(string e) => $"(local.set {k} {e})";
        string Get() => $"(local.get {k})";
        switch (s.Kind)
        {
            case Kind.Narrow8 or Kind.Narrow16:
            {
                long keep = s.Kind == Kind.Narrow8 ? 0xFF : 0xFFFF;
                long dirt = wide ? unchecked((long)0xA5A5A5A5A5A50000UL) & ~keep : unchecked((int)0xA5A50000u) & ~keep;
                return new($"{s.Where}: high bits {dirt:x} over the low {(s.Kind == Kind.Narrow8 ? 8 : 16)}",
                    Set($"({t}.or ({t}.and {Get()} ({t}.const {I(keep)})) ({t}.const {I(dirt)}))"));
            }
            case Kind.Bool:
            {
                long v = rng.Next(2) == 0 ? rng.Next(2, 256) : unchecked((int)0x80000000);
                return new($"{s.Where}: bool as {v}", Set($"({t}.const {I(v)})"));
            }
            case Kind.Char:
            {
                long v = rng.Next(3) switch { 0 => 0xD800, 1 => 0xDFFF, _ => 0x110000 };
                return new($"{s.Where}: char {v:x}", Set($"({t}.const {I(v)})"));
            }
            case Kind.Disc:
            {
                long v = rng.Next(2) == 0 ? s.Cases : uint.MaxValue;
                return new($"{s.Where}: discriminant {v} of {s.Cases} cases", Set($"({t}.const {I(wide ? v : unchecked((int)(uint)v))})"));
            }
            case Kind.Flags:
            {
                long mask = unchecked((int)(0xFFFFFFFFu << s.Cases));
                return new($"{s.Where}: flag bits past {s.Cases}", Set($"({t}.or {Get()} ({t}.const {I(wide ? (uint)mask : mask)}))"));
            }
            case Kind.Ptr:
                return rng.Next(2) == 0 || s.Align == 1
                    ? new($"{s.Where}: pointer past the memory", Set($"({t}.const {(wide ? "0xffffff00" : "-256")})"))
                    : new($"{s.Where}: pointer one byte off alignment {s.Align}", Set($"({t}.add {Get()} ({t}.const 1))"));
            default:
                return new($"{s.Where}: length past the memory", Set($"({t}.const 0x00ffffff)"));
        }
    }

    private static ParamCorruption InMemory(Random rng, Site s)
    {
        string off = s.Offset == 0 ? "" : $" offset={I(s.Offset)}";
        string store = s.Size switch { 1 => "i32.store8", 2 => "i32.store16", _ => "i32.store" };
        string Put(long v) => $"({store}{off} (local.get 0) (i32.const {I(unchecked((int)(uint)v))}))";
        switch (s.Kind)
        {
            case Kind.Bool: { long v = rng.Next(2, 256); return new($"{s.Where}: bool byte {v}", Put(v)); }
            case Kind.Char: { long v = rng.Next(2) == 0 ? 0xD800 : 0x110000; return new($"{s.Where}: char {v:x}", Put(v)); }
            case Kind.Disc:
            {
                long max = s.Size == 1 ? 0xFF : s.Size == 2 ? 0xFFFF : uint.MaxValue;
                long v = Math.Min(rng.Next(2) == 0 ? s.Cases : max, max);
                return new($"{s.Where}: discriminant {v} of {s.Cases} cases", Put(v));
            }
            case Kind.Flags:
            {
                long mask = (s.Size == 4 ? 0xFFFFFFFFL : (1L << (8 * s.Size)) - 1) & ~((1L << s.Cases) - 1);
                return new($"{s.Where}: flag bits past {s.Cases}", Put(mask));
            }
            case Kind.Ptr:
                return rng.Next(2) == 0 || s.Align == 1
                    ? new($"{s.Where}: pointer past the memory", Put(0xFFFFFF00))
                    : new($"{s.Where}: pointer one byte off alignment {s.Align}",
                        $"(i32.store{off} (local.get 0) (i32.add (i32.load{off} (local.get 0)) (i32.const 1)))");
            default:
                return new($"{s.Where}: length past the memory", Put(0x00FFFFFF));
        }
    }
}
