using System.Text;
using Kiln.Component.Model;
using Kiln.Component.Validation.Canonical;
using Kiln.Component.Validation.Types;
using Kiln.Wasm.Model;

namespace Kiln.Runtime.Components.Abi;

// Lowering: Val → core values and linear memory (definitions.py: store, lower_flat).
internal static partial class CanonicalAbi
{
    private static ComponentTypeMismatchException Mismatch(Val v, string expected) =>
        new($"type mismatch: expected {expected}, found {v.Kind.ToString().ToLowerInvariant()} {v}");

    private static Val Expect(Val v, ValKind kind, string expected) => v.Kind == kind ? v : throw Mismatch(v, expected);

    /// <summary>The bits of a scalar value of primitive type <paramref name="p"/>, checking the value's kind.</summary>
    private static ulong ScalarBits(Val v, PrimValType p)
    {
        var kind = p switch
        {
            PrimValType.Bool => ValKind.Bool, PrimValType.U8 => ValKind.U8, PrimValType.S8 => ValKind.S8,
            PrimValType.U16 => ValKind.U16, PrimValType.S16 => ValKind.S16, PrimValType.U32 => ValKind.U32,
            PrimValType.S32 => ValKind.S32, PrimValType.U64 => ValKind.U64, PrimValType.S64 => ValKind.S64,
            PrimValType.F32 => ValKind.F32, PrimValType.F64 => ValKind.F64, PrimValType.Char => ValKind.Char,
            _ => throw new ComponentFeatureNotSupportedException($"lowering {p.ToText()}"),
        };
        return Expect(v, kind, p.ToText()).Bits;
    }

    public static void Store(CallContext cx, Val v, ResolvedValType t, ulong ptr)
    {
        var m = cx.RequireMemory();
        var (kind, prim, d) = Shape(cx.Types, t);
        switch (kind)
        {
            case DefinedKind.Primitive when prim == PrimValType.String:
            {
                var (p, n) = StoreString(cx, Expect(v, ValKind.String, "string").Text!);
                WriteUInt(m, ptr, 4, p);
                WriteUInt(m, ptr + 4, 4, n);
                return;
            }
            case DefinedKind.Primitive:
            {
                ulong bits = ScalarBits(v, prim);
                WriteUInt(m, ptr, (int)ElementSize.Primitive(prim, PointerSize).Size, bits);
                return;
            }
            case DefinedKind.List or DefinedKind.Map:
            {
                var (p, n) = StoreSequence(cx, v, kind, d!);
                WriteUInt(m, ptr, 4, p);
                WriteUInt(m, ptr + 4, 4, n);
                return;
            }
            case DefinedKind.FixedList:
            {
                var items = FixedItems(v, d!);
                long es = Layout(cx.Types, d!.Types[0]!.Value).Size;
                for (int i = 0; i < items.Count; i++) Store(cx, items[i], d.Types[0]!.Value, ptr + (ulong)(i * es));
                return;
            }
            case DefinedKind.Record or DefinedKind.Tuple:
            {
                var items = Fields(v, kind, d!);
                ulong at = ptr;
                for (int i = 0; i < items.Count; i++)
                {
                    var (s, a) = Layout(cx.Types, d!.Types[i]!.Value);
                    at = (ulong)AlignTo((long)at, a);
                    Store(cx, items[i], d.Types[i]!.Value, at);
                    at += (ulong)s;
                }
                return;
            }
            case DefinedKind.Variant or DefinedKind.Option or DefinedKind.Result or DefinedKind.Enum:
            {
                var cases = Cases(kind, d!);
                var (index, payload) = CaseOf(v, kind, d!);
                WriteUInt(m, ptr, DiscriminantSize(cases.Length), (ulong)index);
                ulong at = (ulong)AlignTo((long)ptr + DiscriminantSize(cases.Length), MaxCaseAlignment(cx.Types, cases));
                if (cases[index] is { } ct) Store(cx, payload ?? throw Mismatch(v, "a payload"), ct, at);
                return;
            }
            case DefinedKind.Flags:
                WriteUInt(m, ptr, (int)Layout(cx.Types, t).Size, FlagBits(v, d!));
                return;
            case DefinedKind.Own: WriteUInt(m, ptr, 4, LowerOwn(cx, v, d!)); return;
            case DefinedKind.Borrow: WriteUInt(m, ptr, 4, LowerBorrow(cx, v, d!)); return;
            default: throw new ComponentFeatureNotSupportedException($"lowering {d!.Describe()}");
        }
    }

    private static IReadOnlyList<Val> FixedItems(Val v, DefinedTypeData d)
    {
        var items = Expect(v, ValKind.List, "fixed-size list").Items;
        return items.Count == d.Length ? items : throw new ComponentTypeMismatchException($"type mismatch: expected a list of {d.Length} elements, found {items.Count}");
    }

    private static IReadOnlyList<Val> Fields(Val v, DefinedKind kind, DefinedTypeData d)
    {
        var expected = kind == DefinedKind.Tuple ? ValKind.Tuple : ValKind.Record;
        Expect(v, expected, kind == DefinedKind.Tuple ? "tuple" : "record");
        if (v.Items.Count != d.Types.Length)
            throw new ComponentTypeMismatchException($"type mismatch: expected {d.Types.Length} fields, found {v.Items.Count}");
        if (kind == DefinedKind.Record)
            for (int i = 0; i < d.Names.Length; i++)
                if (!string.Equals(v.Names[i], d.Names[i], StringComparison.Ordinal))
                    throw new ComponentTypeMismatchException($"type mismatch: expected field `{d.Names[i]}`, found `{v.Names[i]}`");
        return v.Items;
    }

    private static (int Index, Val? Payload) CaseOf(Val v, DefinedKind kind, DefinedTypeData d)
    {
        switch (kind)
        {
            case DefinedKind.Option: Expect(v, ValKind.Option, "option"); return (v.IsOk ? 1 : 0, v.Payload);
            case DefinedKind.Result: Expect(v, ValKind.Result, "result"); return (v.IsOk ? 0 : 1, v.Payload);
            case DefinedKind.Enum:
            {
                Expect(v, ValKind.Enum, "enum");
                int i = Array.IndexOf(d.Names, v.Text);
                return i >= 0 ? (i, null) : throw new ComponentTypeMismatchException($"type mismatch: enum has no case `{v.Text}`");
            }
            default:
            {
                Expect(v, ValKind.Variant, "variant");
                int i = Array.IndexOf(d.Names, v.Text);
                return i >= 0 ? (i, v.Payload) : throw new ComponentTypeMismatchException($"type mismatch: variant has no case `{v.Text}`");
            }
        }
    }

    private static ulong FlagBits(Val v, DefinedTypeData d)
    {
        Expect(v, ValKind.Flags, "flags");
        ulong bits = 0;
        foreach (var n in v.Names)
        {
            int i = Array.IndexOf(d.Names, n);
            if (i < 0) throw new ComponentTypeMismatchException($"type mismatch: flags have no flag `{n}`");
            bits |= 1UL << i;
        }
        return bits;
    }

    /// <summary>
    /// <c>store_string_into_range</c>: stores <paramref name="s"/> in the options' encoding; returns (ptr, tagged
    /// length). The realloc requests are the ABI's, which depend on the source encoding
    /// (<see cref="CallContext.SourceEncoding"/>): a transcoder first allocates the source's code-unit count, grows
    /// to the worst case at the first code point that does not fit, then shrinks to the exact size
    /// (definitions.py: <c>store_string_to_utf8</c>, <c>store_utf8_to_utf16</c>, <c>store_string_to_latin1_or_utf16</c>,
    /// <c>store_probably_utf16_to_latin1_or_utf16</c>). The guest sees every request, so they must be these. The
    /// content is written whole at the final pointer (the spec writes the prefix that fits before growing): the same
    /// bytes with a realloc that copies, and still the string with one that does not.
    /// </summary>
    public static (uint Ptr, uint Units) StoreString(CallContext cx, string s)
    {
        var m = cx.RequireMemory();
        var source = cx.SourceEncoding ?? StringEncoding.Utf16;
        int firstNonLatin1 = -1, firstNonAscii = -1;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] >= 0x80 && firstNonAscii < 0) firstNonAscii = i;
            if (s[i] > 0xFF) { firstNonLatin1 = i; break; }
        }
        bool latin1 = firstNonLatin1 < 0;
        switch (cx.Encoding)
        {
            case StringEncoding.Utf8:
            {
                if (source == StringEncoding.Utf8 || firstNonAscii < 0)
                {
                    // store_string_copy, or a transcoder whose source is all ASCII: one exact allocation.
                    var alloc = new ContextAllocator(cx, "string");
                    return StoreUtf8(m, s, ref alloc);
                }
                byte[] bytes;
                try { bytes = StrictUtf8.GetBytes(s); }
                catch (EncoderFallbackException) { throw new ComponentTypeMismatchException("type mismatch: the string holds an unpaired surrogate (not a Unicode string)"); }
                if ((uint)bytes.Length > MaxStringByteLength) throw ComponentTraps.Abi("string content out-of-bounds");
                // store_string_to_utf8 from UTF-16 (worst case 3 bytes a unit) or Latin-1 (2 bytes a unit).
                uint units = (uint)s.Length;
                uint worst = (source == StringEncoding.Latin1Utf16 && latin1 ? 2u : 3u) * units;
                uint ptr = Realloc(cx, 0, 0, 1, units, "string");
                ptr = Realloc(cx, ptr, units, 1, worst, "string");
                if (worst > (uint)bytes.Length) ptr = Realloc(cx, ptr, worst, 1, (uint)bytes.Length, "string");
                bytes.CopyTo(m.GetSpan(ptr, bytes.Length));
                return (ptr, (uint)bytes.Length);
            }
            case StringEncoding.Utf16:
            {
                CheckScalars(s);
                if ((ulong)s.Length * 2 > MaxStringByteLength) throw ComponentTraps.Abi("string content out-of-bounds");
                if (source != StringEncoding.Utf8)
                {
                    uint copy = Realloc(cx, 0, 0, 2, (uint)s.Length * 2, "string");
                    WriteUtf16(m, copy, s);
                    return (copy, (uint)s.Length);
                }
                // store_utf8_to_utf16: the worst case is two bytes per UTF-8 byte, shrunk to the exact size.
                uint worst = 2 * (uint)Encoding.UTF8.GetByteCount(s);
                uint ptr = Realloc(cx, 0, 0, 2, worst, "string");
                if ((uint)s.Length * 2 < worst) ptr = Realloc(cx, ptr, worst, 2, (uint)s.Length * 2, "string");
                WriteUtf16(m, ptr, s);
                return (ptr, (uint)s.Length);
            }
            default:
            {
                CheckScalars(s);
                if ((ulong)s.Length * 2 > MaxStringByteLength) throw ComponentTraps.Abi("string content out-of-bounds");
                if (source == StringEncoding.Latin1Utf16)
                {
                    // store_string_copy of a Latin-1 source; store_probably_utf16_to_latin1_or_utf16 of a UTF-16 one
                    // (a source that fits Latin-1 is taken as Latin-1: the lifted string no longer says which it was).
                    if (latin1)
                    {
                        uint copy = Realloc(cx, 0, 0, 2, (uint)s.Length, "string");
                        WriteLatin1(m, copy, s, s.Length);
                        return (copy, (uint)s.Length);
                    }
                    uint p16 = Realloc(cx, 0, 0, 2, (uint)s.Length * 2, "string");
                    WriteUtf16(m, p16, s);
                    return (p16, (uint)s.Length | Utf16Tag);
                }
                // store_string_to_latin1_or_utf16 from UTF-8 or UTF-16: the source's code units first.
                uint units = source == StringEncoding.Utf8 ? (uint)Encoding.UTF8.GetByteCount(s) : (uint)s.Length;
                uint ptr = Realloc(cx, 0, 0, 2, units, "string");
                if (latin1)
                {
                    if ((uint)s.Length < units) ptr = Realloc(cx, ptr, units, 2, (uint)s.Length, "string");
                    WriteLatin1(m, ptr, s, s.Length);
                    return (ptr, (uint)s.Length);
                }
                uint worst16 = 2 * units;
                ptr = Realloc(cx, ptr, units, 2, worst16, "string");
                if (worst16 > (uint)s.Length * 2) ptr = Realloc(cx, ptr, worst16, 2, (uint)s.Length * 2, "string");
                WriteUtf16(m, ptr, s);
                return (ptr, (uint)s.Length | Utf16Tag);
            }
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>A string stored as utf-8, encoded straight into the memory <paramref name="alloc"/> returns (no
    /// intermediate array): the Val path's and the typed path's one definition.</summary>
    public static (uint Ptr, uint Units) StoreUtf8<TAllocator>(Memory m, string s, ref TAllocator alloc) where TAllocator : struct, IAllocator
    {
        int count;
        try { count = StrictUtf8.GetByteCount(s); }
        catch (EncoderFallbackException) { throw new ComponentTypeMismatchException("type mismatch: the string holds an unpaired surrogate (not a Unicode string)"); }
        if ((uint)count > MaxStringByteLength) throw ComponentTraps.Abi("string content out-of-bounds");
        uint ptr = alloc.Allocate(1, (uint)count);
        StrictUtf8.GetBytes(s, m.GetSpan(ptr, count));
        return (ptr, (uint)count);
    }

    private static void WriteLatin1(Memory m, uint ptr, string s, int count)
    {
        var span = m.GetSpan(ptr, count);
        for (int i = 0; i < count; i++) span[i] = (byte)s[i];
    }

    private static void CheckScalars(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
            if (char.IsSurrogate(s[i])) throw new ComponentTypeMismatchException("type mismatch: the string holds an unpaired surrogate (not a Unicode string)");
        }
    }

    private static void WriteUtf16(Memory m, uint ptr, string s)
    {
        var span = m.GetSpan(ptr, s.Length * 2);
        for (int i = 0; i < s.Length; i++) { span[2 * i] = (byte)s[i]; span[2 * i + 1] = (byte)(s[i] >> 8); }
    }

    /// <summary>A list or a map (a list of (key, value) tuples in the ABI) stored in memory from realloc.</summary>
    private static (uint Ptr, uint Length) StoreSequence(CallContext cx, Val v, DefinedKind kind, DefinedTypeData d) =>
        kind == DefinedKind.Map
            ? StoreMap(cx, Expect(v, ValKind.Map, "map"), d)
            : StoreList(cx, Expect(v, ValKind.List, "list"), d.Types[0]!.Value);

    /// <summary>Allocates the content of a list of <paramref name="count"/> elements of size <paramref name="es"/>.</summary>
    private static uint AllocList(CallContext cx, int count, long es, int ea)
    {
        ulong bytes = (ulong)count * (ulong)es;
        if (bytes > MaxListByteLength) throw ComponentTraps.Abi("list content out-of-bounds");
        return Realloc(cx, 0, 0, ea, (uint)bytes);
    }

    public static (uint Ptr, uint Length) StoreList(CallContext cx, Val v, ResolvedValType et)
    {
        var (es, ea) = Layout(cx.Types, et);
        return StoreElements(cx, v.Items, es, ea, et, static (cx, item, et, at) => Store(cx, item, et, at));
    }

    /// <summary>Allocates a list's (or a map's) content for <paramref name="items"/> and stores each with
    /// <paramref name="store"/>(context, item, <paramref name="state"/>, address): the one loop lists and maps share.</summary>
    private static (uint Ptr, uint Length) StoreElements<T, TState>(CallContext cx, IReadOnlyList<T> items, long es, int ea, TState state,
        Action<CallContext, T, TState, ulong> store)
    {
        uint ptr = AllocList(cx, items.Count, es, ea);
        for (int i = 0; i < items.Count; i++) store(cx, items[i], state, ptr + (ulong)i * (ulong)es);
        return (ptr, (uint)items.Count);
    }

    private static uint LowerOwn(CallContext cx, Val v, DefinedTypeData d)
    {
        var r = Expect(v, ValKind.Own, "own").Resource!;
        var type = cx.ResourceType(d.Resource);
        if (!ReferenceEquals(r.Type, type)) throw new ComponentTypeMismatchException($"type mismatch: the resource is a {r.Type}, the function takes {type}");
        return cx.Table.Add(new HandleEntry(type, r.Rep, own: true));
    }

    private static uint LowerBorrow(CallContext cx, Val v, DefinedTypeData d)
    {
        var r = (v.Kind is ValKind.Borrow or ValKind.Own ? v : throw Mismatch(v, "borrow")).Resource!;
        var type = cx.ResourceType(d.Resource);
        if (!ReferenceEquals(r.Type, type)) throw new ComponentTypeMismatchException($"type mismatch: the resource is a {r.Type}, the function takes {type}");
        // A borrow of a resource the callee itself defines is its representation (definitions.py lower_borrow).
        if (type is GuestResourceType g && g.Instance == cx.Options.Instance) return r.Rep;
        cx.Scope.Borrows++;
        return cx.Table.Add(new HandleEntry(type, r.Rep, own: false) { Scope = cx.Scope });
    }

    // ---- flat ----

    public static void LowerFlat(CallContext cx, Val v, ResolvedValType t, List<Value> into)
    {
        var (kind, prim, d) = Shape(cx.Types, t);
        switch (kind)
        {
            case DefinedKind.Primitive:
                switch (prim)
                {
                    case PrimValType.String:
                    {
                        var (p, n) = StoreString(cx, Expect(v, ValKind.String, "string").Text!);
                        into.Add(Value.I32((int)p));
                        into.Add(Value.I32((int)n));
                        return;
                    }
                    case PrimValType.F32: into.Add(Value.F32Bits((uint)ScalarBits(v, prim))); return;
                    case PrimValType.F64: into.Add(Value.F64Bits(ScalarBits(v, prim))); return;
                    case PrimValType.S64 or PrimValType.U64: into.Add(Value.I64((long)ScalarBits(v, prim))); return;
                    default: into.Add(Value.I32((int)(uint)ScalarBits(v, prim))); return;
                }
            case DefinedKind.List or DefinedKind.Map:
            {
                var (p, n) = StoreSequence(cx, v, kind, d!);
                into.Add(Value.I32((int)p));
                into.Add(Value.I32((int)n));
                return;
            }
            case DefinedKind.FixedList:
                foreach (var item in FixedItems(v, d!)) LowerFlat(cx, item, d!.Types[0]!.Value, into);
                return;
            case DefinedKind.Record or DefinedKind.Tuple:
            {
                var items = Fields(v, kind, d!);
                for (int i = 0; i < items.Count; i++) LowerFlat(cx, items[i], d!.Types[i]!.Value, into);
                return;
            }
            case DefinedKind.Variant or DefinedKind.Option or DefinedKind.Result or DefinedKind.Enum:
            {
                var cases = Cases(kind, d!);
                var (index, payload) = CaseOf(v, kind, d!);
                var joined = Flattening.Of(cx.Types, t);
                into.Add(Value.I32(index));
                int start = into.Count;
                if (cases[index] is { } ct)
                {
                    var tmp = new List<Value>();
                    LowerFlat(cx, payload ?? throw Mismatch(v, "a payload"), ct, tmp);
                    for (int k = 0; k < tmp.Count; k++) into.Add(CoerceForLower(tmp[k], joined[1 + k]));
                }
                for (int k = into.Count - start + 1; k < joined.Length; k++) into.Add(Value.Default(joined[k]));
                return;
            }
            case DefinedKind.Flags: into.Add(Value.I32((int)(uint)FlagBits(v, d!))); return;
            case DefinedKind.Own: into.Add(Value.I32((int)LowerOwn(cx, v, d!))); return;
            case DefinedKind.Borrow: into.Add(Value.I32((int)LowerBorrow(cx, v, d!))); return;
            default: throw new ComponentFeatureNotSupportedException($"lowering {d!.Describe()}");
        }
    }

    private static Value CoerceForLower(Value have, ValType joined) => (have.Type, joined) switch
    {
        var (h, j) when h == j => have,
        (ValType.F32, ValType.I32) => Value.I32((int)have.AsF32Bits()),
        (ValType.I32, ValType.I64) => Value.I64((uint)have.AsI32()),
        (ValType.F32, ValType.I64) => Value.I64(have.AsF32Bits()),
        (ValType.F64, ValType.I64) => Value.I64((long)have.AsF64Bits()),
        _ => throw new InvalidOperationException($"cannot join {have.Type} into {joined}"),
    };

    /// <summary><c>lower_flat_values</c>: flat when they fit in <paramref name="maxFlat"/>; otherwise the tuple is stored
    /// at <paramref name="outPtr"/> (a lowered import's results) or in memory from realloc (a lifted export's parameters),
    /// whose pointer is the one flat value.</summary>
    public static void LowerFlatValues(CallContext cx, int maxFlat, IReadOnlyList<Val> vs, IReadOnlyList<ResolvedValType> ts, List<Value> into, uint? outPtr = null)
    {
        if (Flattening.Fits(cx.Types, ts, maxFlat))
        {
            for (int i = 0; i < ts.Count; i++) LowerFlat(cx, vs[i], ts[i], into);
            return;
        }
        var (size, align) = TupleLayout(cx.Types, ts);
        uint ptr;
        if (outPtr is { } op)
        {
            ptr = op;
            CheckRange(cx.RequireMemory(), ptr, (ulong)size, align, "pointer");
        }
        else
        {
            ptr = Realloc(cx, 0, 0, align, (uint)size);
            into.Add(Value.I32((int)ptr));
        }
        ulong at = ptr;
        for (int i = 0; i < ts.Count; i++)
        {
            var (s, a) = Layout(cx.Types, ts[i]);
            at = (ulong)AlignTo((long)at, a);
            Store(cx, vs[i], ts[i], at);
            at += (ulong)s;
        }
    }
}
