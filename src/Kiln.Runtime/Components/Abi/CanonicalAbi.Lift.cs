using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Kiln.Component.Model;
using Kiln.Component.Validation.Canonical;
using Kiln.Component.Validation.Types;
using Kiln.Wasm.Model;

namespace Kiln.Runtime.Components.Abi;

// Lifting: core values and linear memory → Val (definitions.py: load, lift_flat).
internal static partial class CanonicalAbi
{
    /// <summary><c>load(cx, ptr, t)</c>: the caller has checked alignment and bounds of the whole value.</summary>
    public static Val Load(CallContext cx, ResolvedValType t, ulong ptr)
    {
        var m = cx.RequireMemory();
        var (kind, prim, d) = Shape(cx.Types, t);
        switch (kind)
        {
            case DefinedKind.Primitive:
                return prim switch
                {
                    PrimValType.Bool => Val.Bool(ReadUInt(m, ptr, 1) != 0),
                    PrimValType.U8 => Val.U8((byte)ReadUInt(m, ptr, 1)),
                    PrimValType.S8 => Val.S8((sbyte)ReadUInt(m, ptr, 1)),
                    PrimValType.U16 => Val.U16((ushort)ReadUInt(m, ptr, 2)),
                    PrimValType.S16 => Val.S16((short)ReadUInt(m, ptr, 2)),
                    PrimValType.U32 => Val.U32((uint)ReadUInt(m, ptr, 4)),
                    PrimValType.S32 => Val.S32((int)ReadUInt(m, ptr, 4)),
                    PrimValType.U64 => Val.U64(ReadUInt(m, ptr, 8)),
                    PrimValType.S64 => Val.S64((long)ReadUInt(m, ptr, 8)),
                    PrimValType.F32 => Val.F32Bits((uint)CanonicalizeF32(ReadUInt(m, ptr, 4))),
                    PrimValType.F64 => Val.F64Bits(CanonicalizeF64(ReadUInt(m, ptr, 8))),
                    PrimValType.Char => Val.Char(CharCheck(ReadUInt(m, ptr, 4))),
                    PrimValType.String => LoadString(cx, (uint)ReadUInt(m, ptr, 4), (uint)ReadUInt(m, ptr + 4, 4)),
                    _ => throw new ComponentFeatureNotSupportedException($"lifting {prim.ToText()}"),
                };
            case DefinedKind.List or DefinedKind.Map:
                return LoadSequence(cx, kind, d!, (uint)ReadUInt(m, ptr, 4), (uint)ReadUInt(m, ptr + 4, 4));
            case DefinedKind.FixedList:
            {
                var et = d!.Types[0]!.Value;
                long es = Layout(cx.Types, et).Size;
                var items = new Val[d.Length];
                for (int i = 0; i < items.Length; i++) items[i] = Load(cx, et, ptr + (ulong)(i * es));
                return Val.List(items);
            }
            case DefinedKind.Record or DefinedKind.Tuple:
            {
                var items = new Val[d!.Types.Length];
                ulong at = ptr;
                for (int i = 0; i < items.Length; i++)
                {
                    var (s, a) = Layout(cx.Types, d.Types[i]!.Value);
                    at = (ulong)AlignTo((long)at, a);
                    items[i] = Load(cx, d.Types[i]!.Value, at);
                    at += (ulong)s;
                }
                return kind == DefinedKind.Tuple ? Val.Tuple(items) : Record(d, items);
            }
            case DefinedKind.Variant or DefinedKind.Option or DefinedKind.Result or DefinedKind.Enum:
            {
                var cases = Cases(kind, d!);
                int ds = DiscriminantSize(cases.Length);
                ulong index = ReadUInt(m, ptr, ds);
                if (index >= (ulong)cases.Length) throw ComponentTraps.Abi("invalid variant discriminant");
                ulong at = (ulong)AlignTo((long)ptr + ds, MaxCaseAlignment(cx.Types, cases));
                Val? payload = cases[index] is { } ct ? Load(cx, ct, at) : null;
                return MakeCase(kind, d!, (int)index, payload);
            }
            case DefinedKind.Flags:
            {
                int bytes = (int)Layout(cx.Types, t).Size;
                return Flags(d!, ReadUInt(m, ptr, bytes));
            }
            case DefinedKind.Own: return LiftOwn(cx, d!, (uint)ReadUInt(m, ptr, 4));
            case DefinedKind.Borrow: return LiftBorrow(cx, d!, (uint)ReadUInt(m, ptr, 4));
            default: throw new ComponentFeatureNotSupportedException($"lifting {d!.Describe()}");
        }
    }

    private static Val Record(DefinedTypeData d, Val[] items)
    {
        var fields = new (string, Val)[items.Length];
        for (int i = 0; i < items.Length; i++) fields[i] = (d.Names[i], items[i]);
        return Val.Record(fields);
    }

    private static Val Flags(DefinedTypeData d, ulong bits)
    {
        var set = new List<string>();
        for (int i = 0; i < d.Names.Length; i++) if ((bits >> i & 1) != 0) set.Add(d.Names[i]);
        return Val.Flags([.. set]);
    }

    private static Val MakeCase(DefinedKind kind, DefinedTypeData d, int index, Val? payload) => kind switch
    {
        DefinedKind.Option => index == 0 ? Val.None() : Val.Some(payload!),
        DefinedKind.Result => index == 0 ? Val.Ok(payload) : Val.Err(payload),
        DefinedKind.Enum => Val.Enum(d.Names[index]),
        _ => Val.Variant(d.Names[index], payload),
    };

    public static Val LoadString(CallContext cx, uint ptr, uint taggedUnits)
    {
        var m = cx.RequireMemory();
        int align;
        ulong byteLength;
        bool utf16;
        switch (cx.Encoding)
        {
            case StringEncoding.Utf8: align = 1; byteLength = taggedUnits; utf16 = false; break;
            case StringEncoding.Utf16: align = 2; byteLength = 2UL * taggedUnits; utf16 = true; break;
            default:
                align = 2;
                utf16 = (taggedUnits & Utf16Tag) != 0;
                byteLength = utf16 ? 2UL * (taggedUnits ^ Utf16Tag) : taggedUnits;
                break;
        }
        CheckStringRange(m, ptr, byteLength, align, cx.Adapter);
        var bytes = m.GetSpan(ptr, (int)byteLength);
        if (cx.Encoding == StringEncoding.Utf8) return Val.String(DecodeUtf8(bytes));
        if (utf16) return Val.String(DecodeUtf16(bytes));
        return Val.String(Encoding.Latin1.GetString(bytes));
    }

    /// <summary><c>load_string</c>'s checks of a string's bytes: at most the ABI's length, aligned, inside the memory
    /// (the Val path's and the typed path's one definition).</summary>
    public static void CheckStringRange(Memory m, uint ptr, ulong byteLength, int align, bool adapter)
    {
        if (byteLength > MaxStringByteLength) throw ComponentTraps.Abi("string content out-of-bounds");
        if (ptr % (uint)align != 0) throw ComponentTraps.Abi("unaligned pointer");
        if (ptr + byteLength > m.Length) throw ComponentTraps.Abi(adapter ? "string content out-of-bounds" : "string pointer/length out of bounds of memory");
    }

    /// <summary>Traps unless the <paramref name="units"/> code units at <paramref name="ptr"/> (already checked to be
    /// in bounds) are a valid string in <paramref name="encoding"/> (utf8 or utf16), without decoding it.</summary>
    public static void ValidateString(Memory m, StringEncoding encoding, uint ptr, uint units)
    {
        if (encoding == StringEncoding.Utf8)
        {
            var bytes = m.GetSpan(ptr, (int)units);
            if (!Utf8.IsValid(bytes)) DecodeUtf8(bytes); // the slow path only to word the trap
            return;
        }
        var chars = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(m.GetSpan(ptr, (int)units * 2));
        CheckUtf16(chars);
    }

    private static void CheckUtf16(ReadOnlySpan<char> chars)
    {
        for (int i = 0; i < chars.Length; i++)
        {
            if (!char.IsSurrogate(chars[i])) continue;
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) { i++; continue; }
            throw ComponentTraps.Abi("invalid utf-16: unpaired surrogate");
        }
    }

    public static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, bytes.Length));
        try
        {
            var status = Utf8.ToUtf16(bytes, chars, out _, out int written, replaceInvalidSequences: false, isFinalBlock: false);
            return status switch
            {
                OperationStatus.Done => new string(chars, 0, written),
                OperationStatus.NeedMoreData => throw ComponentTraps.Abi("incomplete utf-8 byte sequence"),
                _ => throw ComponentTraps.Abi("invalid utf-8"),
            };
        }
        finally { ArrayPool<char>.Shared.Return(chars); }
    }

    private static string DecodeUtf16(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length / 2];
        for (int i = 0; i < chars.Length; i++) chars[i] = (char)(bytes[2 * i] | bytes[2 * i + 1] << 8);
        CheckUtf16(chars);
        return new string(chars);
    }

    /// <summary>A list or a map (a list of (key, value) tuples in the ABI) from its pointer and length.</summary>
    private static Val LoadSequence(CallContext cx, DefinedKind kind, DefinedTypeData d, uint ptr, uint length) =>
        kind == DefinedKind.Map ? LoadMap(cx, d, ptr, length) : LoadList(cx, d.Types[0]!.Value, ptr, length);

    /// <summary>Checks the content of a list of <paramref name="length"/> elements of size <paramref name="es"/> at <paramref name="ptr"/>.</summary>
    private static void CheckListContent(CallContext cx, uint ptr, uint length, long es, int ea)
    {
        ulong bytes = length * (ulong)es;
        if (bytes > MaxListByteLength) throw ComponentTraps.Abi("list content out-of-bounds");
        if (ptr % (uint)ea != 0) throw ComponentTraps.Abi("unaligned pointer");
        if (ptr + bytes > cx.RequireMemory().Length) throw ComponentTraps.Abi(cx.Adapter ? "list content out-of-bounds" : "list pointer/length out of bounds of memory");
    }

    public static Val LoadList(CallContext cx, ResolvedValType et, uint ptr, uint length)
    {
        var (es, ea) = Layout(cx.Types, et);
        if (Shape(cx.Types, et) is { Kind: DefinedKind.Primitive, Prim: var p } && IntegerVal(p) is { } make)
        {
            // Integers: one bounds check and one span for the whole list, then plain reads (no per-element dispatch).
            CheckListContent(cx, ptr, length, es, ea);
            var bytes = cx.RequireMemory().GetSpan(ptr, (int)(length * es));
            var items = new Val[length];
            for (int i = 0; i < items.Length; i++) items[i] = make(ReadLittleEndian(bytes.Slice(i * (int)es, (int)es)));
            return Val.List(items);
        }
        return Val.List(LoadElements(cx, ptr, length, es, ea, et, static (cx, et, at) => Load(cx, et, at)));
    }

    private static readonly Func<ulong, Val>?[] IntegerVals = MakeIntegerVals();

    private static Func<ulong, Val>?[] MakeIntegerVals()
    {
        var t = new Func<ulong, Val>?[(int)Enum.GetValues<PrimValType>().Max() + 1];
        t[(int)PrimValType.U8] = static b => Val.U8((byte)b);
        t[(int)PrimValType.S8] = static b => Val.S8((sbyte)b);
        t[(int)PrimValType.U16] = static b => Val.U16((ushort)b);
        t[(int)PrimValType.S16] = static b => Val.S16((short)b);
        t[(int)PrimValType.U32] = static b => Val.U32((uint)b);
        t[(int)PrimValType.S32] = static b => Val.S32((int)b);
        t[(int)PrimValType.U64] = static b => Val.U64(b);
        t[(int)PrimValType.S64] = static b => Val.S64((long)b);
        return t;
    }

    /// <summary>The maker of a list element's value when every bit pattern of the primitive is valid (integers).</summary>
    private static Func<ulong, Val>? IntegerVal(PrimValType p) => (int)p < IntegerVals.Length ? IntegerVals[(int)p] : null;

    private static ulong ReadLittleEndian(ReadOnlySpan<byte> b) => b.Length switch
    {
        1 => b[0],
        2 => System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(b),
        4 => System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(b),
        _ => System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(b),
    };

    /// <summary>The elements of a list (or a map's entries) of <paramref name="length"/> elements of size
    /// <paramref name="es"/> at <paramref name="ptr"/>, checked as <c>load_list</c> checks, each loaded by
    /// <paramref name="load"/>(context, <paramref name="state"/>, address): the one loop lists and maps share.</summary>
    private static T[] LoadElements<T, TState>(CallContext cx, uint ptr, uint length, long es, int ea, TState state, Func<CallContext, TState, ulong, T> load)
    {
        CheckListContent(cx, ptr, length, es, ea);
        var items = new T[length];
        for (uint i = 0; i < length; i++) items[i] = load(cx, state, ptr + i * (ulong)es);
        return items;
    }

    private static Val LiftOwn(CallContext cx, DefinedTypeData d, uint index)
    {
        var type = cx.ResourceType(d.Resource);
        var e = cx.Table.Get(index);
        if (!ReferenceEquals(e.Type, type)) throw HandleTable.WrongType(index, e.Type, type);
        if (!e.Own) throw ComponentTraps.Abi($"handle index {index} expected an owned resource, found a borrow");
        if (e.Lends != 0) throw ComponentTraps.Abi("cannot remove owned resource while borrowed");
        cx.Table.Remove(index);
        return Val.Own(new ResourceAny(type, e.Rep));
    }

    private static Val LiftBorrow(CallContext cx, DefinedTypeData d, uint index)
    {
        var type = cx.ResourceType(d.Resource);
        var e = cx.Table.GetTyped(index, type);
        e.Lends++;
        cx.Lent.Add(e);
        return Val.Borrow(new ResourceAny(type, e.Rep));
    }

    // ---- flat ----

    /// <summary><c>lift_flat(cx, vi, t)</c> reading from <paramref name="vi"/> at <paramref name="at"/>.</summary>
    public static Val LiftFlat(CallContext cx, ResolvedValType t, ReadOnlySpan<Value> vi, ref int at)
    {
        var (kind, prim, d) = Shape(cx.Types, t);
        switch (kind)
        {
            case DefinedKind.Primitive:
                switch (prim)
                {
                    case PrimValType.String:
                    {
                        uint ptr = (uint)vi[at++].AsI32(), len = (uint)vi[at++].AsI32();
                        return LoadString(cx, ptr, len);
                    }
                    case PrimValType.F32: return Val.F32Bits((uint)CanonicalizeF32(vi[at++].AsF32Bits()));
                    case PrimValType.F64: return Val.F64Bits(CanonicalizeF64(vi[at++].AsF64Bits()));
                    case PrimValType.S64: return Val.S64(vi[at++].AsI64());
                    case PrimValType.U64: return Val.U64((ulong)vi[at++].AsI64());
                }
                uint i = (uint)vi[at++].AsI32();
                return prim switch
                {
                    PrimValType.Bool => Val.Bool(i != 0),
                    PrimValType.U8 => Val.U8((byte)i),
                    PrimValType.S8 => Val.S8((sbyte)i),
                    PrimValType.U16 => Val.U16((ushort)i),
                    PrimValType.S16 => Val.S16((short)i),
                    PrimValType.U32 => Val.U32(i),
                    PrimValType.S32 => Val.S32((int)i),
                    PrimValType.Char => Val.Char(CharCheck(i)),
                    _ => throw new ComponentFeatureNotSupportedException($"lifting {prim.ToText()}"),
                };
            case DefinedKind.List or DefinedKind.Map:
            {
                uint ptr = (uint)vi[at++].AsI32(), len = (uint)vi[at++].AsI32();
                return LoadSequence(cx, kind, d!, ptr, len);
            }
            case DefinedKind.FixedList:
            {
                var items = new Val[d!.Length];
                for (int k = 0; k < items.Length; k++) items[k] = LiftFlat(cx, d.Types[0]!.Value, vi, ref at);
                return Val.List(items);
            }
            case DefinedKind.Record or DefinedKind.Tuple:
            {
                var items = new Val[d!.Types.Length];
                for (int k = 0; k < items.Length; k++) items[k] = LiftFlat(cx, d.Types[k]!.Value, vi, ref at);
                return kind == DefinedKind.Tuple ? Val.Tuple(items) : Record(d, items);
            }
            case DefinedKind.Variant or DefinedKind.Option or DefinedKind.Result or DefinedKind.Enum:
            {
                var cases = Cases(kind, d!);
                var joined = Flattening.Of(cx.Types, t);
                uint index = (uint)vi[at].AsI32();
                if (index >= (uint)cases.Length) throw ComponentTraps.Abi("invalid variant discriminant");
                Val? payload = null;
                if (cases[index] is { } ct)
                {
                    var want = Flattening.Of(cx.Types, ct);
                    var coerced = new Value[want.Length];
                    for (int k = 0; k < want.Length; k++) coerced[k] = CoerceForLift(vi[at + 1 + k], want[k]);
                    int pos = 0;
                    payload = LiftFlat(cx, ct, coerced, ref pos);
                }
                at += joined.Length;
                return MakeCase(kind, d!, (int)index, payload);
            }
            case DefinedKind.Flags: return Flags(d!, (uint)vi[at++].AsI32());
            case DefinedKind.Own: return LiftOwn(cx, d!, (uint)vi[at++].AsI32());
            case DefinedKind.Borrow: return LiftBorrow(cx, d!, (uint)vi[at++].AsI32());
            default: throw new ComponentFeatureNotSupportedException($"lifting {d!.Describe()}");
        }
    }

    /// <summary>A joined flat value as the narrower type a case wants (definitions.py's CoerceValueIter).</summary>
    private static Value CoerceForLift(Value have, ValType want) => (have.Type, want) switch
    {
        var (h, w) when h == w => have,
        (ValType.I32, ValType.F32) => Value.F32Bits((uint)have.AsI32()),
        (ValType.I64, ValType.I32) => Value.I32((int)have.AsI64()),
        (ValType.I64, ValType.F32) => Value.F32Bits((uint)have.AsI64()),
        (ValType.I64, ValType.F64) => Value.F64Bits((ulong)have.AsI64()),
        _ => throw new InvalidOperationException($"cannot coerce {have.Type} to {want}"),
    };

    /// <summary><c>lift_flat_values</c>: the values themselves, or, past <paramref name="maxFlat"/>, a pointer to their tuple.</summary>
    public static Val[] LiftFlatValues(CallContext cx, int maxFlat, ReadOnlySpan<Value> vi, IReadOnlyList<ResolvedValType> ts)
    {
        var result = new Val[ts.Count];
        if (!Flattening.Fits(cx.Types, ts, maxFlat))
        {
            uint ptr = (uint)vi[0].AsI32();
            var (size, align) = TupleLayout(cx.Types, ts);
            CheckRange(cx.RequireMemory(), ptr, (ulong)size, align, "pointer");
            ulong at = ptr;
            for (int i = 0; i < ts.Count; i++)
            {
                var (s, a) = Layout(cx.Types, ts[i]);
                at = (ulong)AlignTo((long)at, a);
                result[i] = Load(cx, ts[i], at);
                at += (ulong)s;
            }
            return result;
        }
        int pos = 0;
        for (int i = 0; i < ts.Count; i++) result[i] = LiftFlat(cx, ts[i], vi, ref pos);
        return result;
    }
}
