using Kiln.Component.Model;
using Kiln.Component.Validation.Canonical;
using Kiln.Component.Validation.Types;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.Compiler.Component.Adapters;

/// <summary>
/// Translation of values held in linear memory, from the source side's memory to the destination side's
/// (Wasmtime's <c>translate</c> with memory source and destination), in wasm: loads from one memory and stores to
/// the other with the ABI's checks, strings and lists copied into memory from the destination's <c>realloc</c>
/// (<c>memory.copy</c> between the two memories when the bytes need no checking, a loop over the elements
/// otherwise), spilled parameter tuples and return areas. Both sides share one value type, so one layout serves
/// both. The checks trap with the wording of the runtime's canonical ABI (<see cref="AdapterTrap"/>).
/// </summary>
internal sealed class MemoryTranslator(AdapterFunctionBuilder f, TypeArena types, AdapterSide src, AdapterSide dst)
{
    private readonly CodeWriter _c = f.Code;

    /// <summary>A value's place in memory: the address in a local plus a constant offset.</summary>
    public readonly record struct Addr(uint Local, uint Offset)
    {
        public Addr At(long offset) => new(Local, checked(Offset + (uint)offset));
    }

    /// <summary>Whether the adapter translates <paramref name="t"/> in wasm between these encodings: everything but
    /// handles (resource tables live in the runtime), strings that change encoding (transcoding) and latin1+utf16
    /// strings (a utf16 one may deflate to latin1), and the async types.</summary>
    public static bool InWasm(TypeArena types, ResolvedValType t, StringEncoding a, StringEncoding b)
    {
        if (IsString(types, t)) return a == b && a != StringEncoding.Latin1Utf16;
        if (ScalarTranslation.Scalar(types, t) is not null) return true;
        var d = types.Defined(t.Type);
        switch (d.Kind)
        {
            case DefinedKind.Primitive: return false; // error-context
            case DefinedKind.Flags or DefinedKind.Enum: return true;
            case DefinedKind.Record or DefinedKind.Tuple or DefinedKind.FixedList or DefinedKind.Variant or DefinedKind.Option
                or DefinedKind.Result or DefinedKind.List or DefinedKind.Map:
                foreach (var c in d.Types)
                    if (c is { } ct && !InWasm(types, ct, a, b)) return false;
                return true;
            default: return false;
        }
    }

    public static bool IsString(TypeArena types, ResolvedValType t) =>
        t.IsPrimitive ? t.Primitive == PrimValType.String
        : types.Defined(t.Type) is { Kind: DefinedKind.Primitive, Primitive: PrimValType.String };

    public void Translate(ResolvedValType t, Addr s, Addr d)
    {
        if (ScalarTranslation.Scalar(types, t) is { } p)
        {
            var (load, store, log2) = Access(p);
            _c.Emit(Opcode.LocalGet, d.Local);
            _c.Emit(Opcode.LocalGet, s.Local);
            _c.MemArg(load, log2, s.Offset, src.Memory);
            ScalarTranslation.Emit(f, p);
            _c.MemArg(store, log2, d.Offset, dst.Memory);
            return;
        }
        if (IsString(types, t))
        {
            var (ptr, len) = LoadPair(s);
            var (dp, dl) = CopyString(ptr, len);
            StorePair(d, dp, dl);
            return;
        }
        var data = types.Defined(t.Type);
        switch (data.Kind)
        {
            case DefinedKind.Record or DefinedKind.Tuple:
            {
                long at = 0;
                foreach (var ft in data.Types)
                {
                    var (size, align) = Layout(ft!.Value);
                    at = AlignTo(at, align);
                    Translate(ft.Value, s.At(at), d.At(at));
                    at += size;
                }
                return;
            }
            case DefinedKind.FixedList:
            {
                var et = data.Types[0]!.Value;
                long es = Layout(et).Size;
                if (IsPlainBits(et))
                {
                    Copy(s, d, es * data.Length);
                    return;
                }
                for (uint i = 0; i < data.Length; i++) Translate(et, s.At(i * es), d.At(i * es));
                return;
            }
            case DefinedKind.Flags:
            {
                int n = data.Names.Length;
                var (load, store, log2) = n <= 8 ? (Opcode.I32Load8U, Opcode.I32Store8, 0u)
                    : n <= 16 ? (Opcode.I32Load16U, Opcode.I32Store16, 1u) : (Opcode.I32Load, Opcode.I32Store, 2u);
                _c.Emit(Opcode.LocalGet, d.Local);
                _c.Emit(Opcode.LocalGet, s.Local);
                _c.MemArg(load, log2, s.Offset, src.Memory);
                if (n < 32)
                {
                    _c.I32Const((int)((1u << n) - 1)); // unknown bits are dropped, as lifting drops them
                    _c.Emit(Opcode.I32And);
                }
                _c.MemArg(store, log2, d.Offset, dst.Memory);
                return;
            }
            case DefinedKind.List:
            {
                var (ptr, len) = LoadPair(s);
                var et = data.Types[0]!.Value;
                var (es, ea) = Layout(et);
                var dp = CopySequence(ptr, len, es, ea, IsPlainBits(et), (cs, cd) => Translate(et, new Addr(cs, 0), new Addr(cd, 0)));
                StorePair(d, dp, len);
                return;
            }
            case DefinedKind.Map:
            {
                var (ptr, len) = LoadPair(s);
                StorePair(d, CopyMap(data, ptr, len), len);
                return;
            }
            default:
                TranslateVariant(data, s, d);
                return;
        }
    }

    private void TranslateVariant(DefinedTypeData data, Addr s, Addr d)
    {
        var cases = data.Kind switch
        {
            DefinedKind.Option => [null, data.Types[0]],
            DefinedKind.Enum => new ResolvedValType?[data.Names.Length],
            _ => data.Types,
        };
        int ds = cases.Length <= 256 ? 1 : cases.Length <= 65536 ? 2 : 4;
        var (load, store, log2) = ds == 1 ? (Opcode.I32Load8U, Opcode.I32Store8, 0u)
            : ds == 2 ? (Opcode.I32Load16U, Opcode.I32Store16, 1u) : (Opcode.I32Load, Opcode.I32Store, 2u);
        uint disc = f.Temp(ValType.I32);
        _c.Emit(Opcode.LocalGet, s.Local);
        _c.MemArg(load, log2, s.Offset, src.Memory);
        _c.Emit(Opcode.LocalTee, disc);
        _c.I32Const(cases.Length);
        _c.Emit(Opcode.I32GeU);
        f.TrapIf(AdapterTrap.InvalidDiscriminant);
        _c.Emit(Opcode.LocalGet, d.Local);
        _c.Emit(Opcode.LocalGet, disc);
        _c.MemArg(store, log2, d.Offset, dst.Memory);
        int caseAlign = 1;
        foreach (var c in cases) if (c is { } ct) caseAlign = Math.Max(caseAlign, Layout(ct).Align);
        long payload = AlignTo(ds, caseAlign);
        for (int k = 0; k < cases.Length; k++)
        {
            if (cases[k] is not { } ct) continue;
            _c.Emit(Opcode.LocalGet, disc);
            _c.I32Const(k);
            _c.Emit(Opcode.I32Eq);
            _c.Block(Opcode.If, BlockType.Empty);
            Translate(ct, s.At(payload), d.At(payload));
            _c.End();
        }
    }

    /// <summary>Copies the string (<paramref name="ptr"/>, <paramref name="units"/>) of the source side into memory
    /// from the destination's realloc; returns the locals of its new pointer and its length (the same code units:
    /// both sides use one encoding, utf8 or utf16). Checks as <c>load_string</c>: length, alignment, bounds; then the
    /// allocation (Wasmtime's order), the encoding's validity (a builtin), and <c>memory.copy</c>.</summary>
    public (uint Ptr, uint Units) CopyString(uint ptr, uint units)
    {
        int shift = src.Encoding == StringEncoding.Utf16 ? 1 : 0;
        int align = 1 << shift;
        uint bytes64 = f.Temp(ValType.I64);
        _c.Emit(Opcode.LocalGet, units);
        _c.Emit(Opcode.I64ExtendI32U);
        if (shift != 0)
        {
            _c.I64Const(shift);
            _c.Emit(Opcode.I64Shl);
        }
        _c.Emit(Opcode.LocalSet, bytes64);
        var (dp, bytes) = CheckAndAllocate(ptr, bytes64, AbiLimits.MaxStringByteLength, align, AdapterTrap.StringOutOfBounds);
        _c.Emit(Opcode.LocalGet, ptr);
        _c.Emit(Opcode.LocalGet, units);
        _c.Emit(Opcode.Call, src.ValidateString);
        _c.Emit(Opcode.LocalGet, dp);
        _c.Emit(Opcode.LocalGet, ptr);
        bytes.Push32(_c);
        _c.Emit(Opcode.MemoryCopy, dst.Memory, src.Memory);
        return (dp, units);
    }

    /// <summary>Copies the list (<paramref name="ptr"/>, <paramref name="length"/>) of elements of type
    /// <paramref name="et"/>; returns the local of its new pointer (the length is unchanged).</summary>
    public uint CopyList(ResolvedValType et, uint ptr, uint length)
    {
        var (es, ea) = Layout(et);
        return CopySequence(ptr, length, es, ea, IsPlainBits(et), (cs, cd) => Translate(et, new Addr(cs, 0), new Addr(cd, 0)));
    }

    /// <summary>Copies a map (list&lt;tuple&lt;K, V&gt;&gt; in the ABI) entry by entry; returns the local of its new pointer.</summary>
    public uint CopyMap(DefinedTypeData map, uint ptr, uint length)
    {
        ResolvedValType k = map.Types[0]!.Value, v = map.Types[1]!.Value;
        var (es, ea) = TupleLayout(types, [k, v]);
        uint valueOffset = (uint)AlignTo(Layout(k).Size, Layout(v).Align);
        return CopySequence(ptr, length, es, ea, false, (cs, cd) =>
        {
            Translate(k, new Addr(cs, 0), new Addr(cd, 0));
            Translate(v, new Addr(cs, valueOffset), new Addr(cd, valueOffset));
        });
    }

    /// <summary>A list's (or map's) content: checks as <c>load_list</c> (byte length, alignment, bounds), allocates in
    /// the destination, then copies the bytes or translates each element with <paramref name="element"/>(source
    /// address local, destination address local).</summary>
    private uint CopySequence(uint ptr, uint length, long es, int ea, bool plain, Action<uint, uint> element)
    {
        uint bytes64 = f.Temp(ValType.I64);
        _c.Emit(Opcode.LocalGet, length);
        _c.Emit(Opcode.I64ExtendI32U);
        _c.I64Const(es);
        _c.Emit(Opcode.I64Mul);
        _c.Emit(Opcode.LocalSet, bytes64);
        var (dp, bytes) = CheckAndAllocate(ptr, bytes64, AbiLimits.MaxListByteLength, ea, AdapterTrap.ListOutOfBounds);
        if (es == 0) return dp;
        if (plain)
        {
            _c.Emit(Opcode.LocalGet, dp);
            _c.Emit(Opcode.LocalGet, ptr);
            bytes.Push32(_c);
            _c.Emit(Opcode.MemoryCopy, dst.Memory, src.Memory);
            return dp;
        }
        uint cs = f.Temp(ValType.I32), cd = f.Temp(ValType.I32), left = f.Temp(ValType.I32);
        _c.Emit(Opcode.LocalGet, ptr);
        _c.Emit(Opcode.LocalSet, cs);
        _c.Emit(Opcode.LocalGet, dp);
        _c.Emit(Opcode.LocalSet, cd);
        _c.Block(Opcode.Block, BlockType.Empty);
        _c.Emit(Opcode.LocalGet, length);
        _c.Emit(Opcode.LocalTee, left);
        _c.Emit(Opcode.I32Eqz);
        _c.Emit(Opcode.BrIf, 0u);
        _c.Block(Opcode.Loop, BlockType.Empty);
        element(cs, cd);
        Advance(cs, es);
        Advance(cd, es);
        _c.Emit(Opcode.LocalGet, left);
        _c.I32Const(1);
        _c.Emit(Opcode.I32Sub);
        _c.Emit(Opcode.LocalTee, left);
        _c.Emit(Opcode.BrIf, 0u);
        _c.End();
        _c.End();
        return dp;
    }

    /// <summary>The checks of a string's or list's content of <paramref name="bytes64"/> bytes at <paramref name="ptr"/>
    /// in the source (at most <paramref name="max"/>, aligned, in bounds: <c>load_string</c>/<c>load_list</c>), then
    /// as many bytes from the destination's realloc; returns the new pointer's local and the byte count.</summary>
    private (uint Ptr, ByteCount Bytes) CheckAndAllocate(uint ptr, uint bytes64, uint max, int align, AdapterTrap outOfBounds)
    {
        _c.Emit(Opcode.LocalGet, bytes64);
        _c.I64Const(max);
        _c.Emit(Opcode.I64GtU);
        f.TrapIf(outOfBounds);
        CheckAligned(ptr, align);
        CheckInBounds(src.Memory, ptr, ByteCount.Of(bytes64), outOfBounds);
        var bytes = ByteCount.Wrap(f, bytes64);
        return (Allocate(align, bytes, outOfBounds), bytes);
    }

    private void Advance(uint local, long by)
    {
        _c.Emit(Opcode.LocalGet, local);
        _c.I32Const((int)by);
        _c.Emit(Opcode.I32Add);
        _c.Emit(Opcode.LocalSet, local);
    }

    /// <summary>A spilled tuple or return area at <paramref name="ptr"/> on the source (or, with
    /// <paramref name="destination"/>, the destination) side: traps unless aligned and inside the memory
    /// (<c>lift_flat_values</c>' check).</summary>
    public void CheckPointer(uint ptr, long size, int align, bool destination)
    {
        CheckAligned(ptr, align);
        CheckInBounds(destination ? dst.Memory : src.Memory, ptr, ByteCount.Constant(size), AdapterTrap.PointerOutOfBounds);
    }

    /// <summary>Allocates <paramref name="size"/> bytes aligned to <paramref name="align"/> in the destination for a
    /// spilled parameter tuple; returns the local holding the pointer.</summary>
    public uint AllocateTuple(long size, int align) => Allocate(align, ByteCount.Constant(size), AdapterTrap.ListOutOfBounds);

    /// <summary><c>realloc(0, 0, align, bytes)</c> of the destination, checked: aligned, and the bytes inside its memory.</summary>
    private uint Allocate(int align, ByteCount bytes, AdapterTrap outOfBounds)
    {
        uint dp = f.Temp(ValType.I32);
        _c.I32Const(0);
        _c.I32Const(0);
        _c.I32Const(align);
        bytes.Push32(_c);
        _c.Emit(Opcode.Call, dst.Realloc);
        _c.Emit(Opcode.LocalSet, dp);
        CheckAligned(dp, align);
        CheckInBounds(dst.Memory, dp, bytes, outOfBounds);
        return dp;
    }

    private void CheckAligned(uint ptr, int align)
    {
        if (align <= 1) return;
        _c.Emit(Opcode.LocalGet, ptr);
        _c.I32Const(align - 1);
        _c.Emit(Opcode.I32And);
        f.TrapIf(AdapterTrap.UnalignedPointer);
    }

    // ptr + bytes > memory.size * 64 KiB, in 64 bits so neither side can wrap.
    private void CheckInBounds(uint memory, uint ptr, ByteCount bytes, AdapterTrap trap)
    {
        _c.Emit(Opcode.LocalGet, ptr);
        _c.Emit(Opcode.I64ExtendI32U);
        bytes.Push64(_c);
        _c.Emit(Opcode.I64Add);
        _c.Emit(Opcode.MemorySize, memory);
        _c.Emit(Opcode.I64ExtendI32U);
        _c.I64Const(16);
        _c.Emit(Opcode.I64Shl);
        _c.Emit(Opcode.I64GtU);
        f.TrapIf(trap);
    }

    private void Copy(Addr s, Addr d, long bytes)
    {
        _c.Emit(Opcode.LocalGet, d.Local);
        if (d.Offset != 0)
        {
            _c.I32Const((int)d.Offset);
            _c.Emit(Opcode.I32Add);
        }
        _c.Emit(Opcode.LocalGet, s.Local);
        if (s.Offset != 0)
        {
            _c.I32Const((int)s.Offset);
            _c.Emit(Opcode.I32Add);
        }
        _c.I32Const((int)bytes);
        _c.Emit(Opcode.MemoryCopy, dst.Memory, src.Memory);
    }

    private (uint Ptr, uint Length) LoadPair(Addr s)
    {
        uint ptr = f.Temp(ValType.I32), len = f.Temp(ValType.I32);
        _c.Emit(Opcode.LocalGet, s.Local);
        _c.MemArg(Opcode.I32Load, 2, s.Offset, src.Memory);
        _c.Emit(Opcode.LocalSet, ptr);
        _c.Emit(Opcode.LocalGet, s.Local);
        _c.MemArg(Opcode.I32Load, 2, s.Offset + 4, src.Memory);
        _c.Emit(Opcode.LocalSet, len);
        return (ptr, len);
    }

    private void StorePair(Addr d, uint ptr, uint len)
    {
        _c.Emit(Opcode.LocalGet, d.Local);
        _c.Emit(Opcode.LocalGet, ptr);
        _c.MemArg(Opcode.I32Store, 2, d.Offset, dst.Memory);
        _c.Emit(Opcode.LocalGet, d.Local);
        _c.Emit(Opcode.LocalGet, len);
        _c.MemArg(Opcode.I32Store, 2, d.Offset + 4, dst.Memory);
    }

    /// <summary>Whether every bit pattern of <paramref name="t"/>'s bytes is valid and it has no padding, so a
    /// sequence of them is copied byte for byte (integers, and records, tuples and fixed lists of them packed
    /// without gaps). Padding is not copied, as lowering writes no padding.</summary>
    private bool IsPlainBits(ResolvedValType t)
    {
        if (ScalarTranslation.Scalar(types, t) is { } p)
            return p is PrimValType.U8 or PrimValType.S8 or PrimValType.U16 or PrimValType.S16 or PrimValType.U32
                or PrimValType.S32 or PrimValType.U64 or PrimValType.S64;
        if (IsString(types, t)) return false;
        var d = types.Defined(t.Type);
        switch (d.Kind)
        {
            case DefinedKind.FixedList: return IsPlainBits(d.Types[0]!.Value);
            case DefinedKind.Record or DefinedKind.Tuple:
            {
                long at = 0;
                foreach (var ft in d.Types)
                {
                    var (size, align) = Layout(ft!.Value);
                    if (AlignTo(at, align) != at || !IsPlainBits(ft.Value)) return false;
                    at += size;
                }
                return at == Layout(t).Size;
            }
            default: return false;
        }
    }

    private (long Size, int Align) Layout(ResolvedValType t) => ElementSize.Of(types, t, AbiLimits.PointerSize);

    /// <summary>Size and alignment of a tuple of <paramref name="ts"/> (a spilled parameter list, a map entry).</summary>
    public static (long Size, int Align) TupleLayout(TypeArena types, IReadOnlyList<ResolvedValType> ts)
    {
        long size = 0;
        int align = 1;
        foreach (var t in ts)
        {
            var (s, a) = ElementSize.Of(types, t, AbiLimits.PointerSize);
            size = AlignTo(size, a) + s;
            align = Math.Max(align, a);
        }
        return (AlignTo(size, align), align);
    }

    public static long AlignTo(long n, int align) => (n + align - 1) / align * align;

    private static (Opcode Load, Opcode Store, uint AlignLog2) Access(PrimValType p) => p switch
    {
        PrimValType.Bool or PrimValType.U8 => (Opcode.I32Load8U, Opcode.I32Store8, 0),
        PrimValType.S8 => (Opcode.I32Load8S, Opcode.I32Store8, 0),
        PrimValType.U16 => (Opcode.I32Load16U, Opcode.I32Store16, 1),
        PrimValType.S16 => (Opcode.I32Load16S, Opcode.I32Store16, 1),
        PrimValType.U64 or PrimValType.S64 => (Opcode.I64Load, Opcode.I64Store, 3),
        PrimValType.F32 => (Opcode.F32Load, Opcode.F32Store, 2),
        PrimValType.F64 => (Opcode.F64Load, Opcode.F64Store, 3),
        _ => (Opcode.I32Load, Opcode.I32Store, 2),
    };

    /// <summary>A byte count: a constant, or an i32 local beside the i64 local it was checked in.</summary>
    private readonly record struct ByteCount(long Value, uint Local32, uint Local64, bool IsConstant)
    {
        public static ByteCount Constant(long bytes) => new(bytes, 0, 0, true);
        public static ByteCount Of(uint local64) => new(0, 0, local64, false);

        /// <summary>The i32 of a checked i64 count (below 2^28, so nothing is lost).</summary>
        public static ByteCount Wrap(AdapterFunctionBuilder f, uint local64)
        {
            uint l32 = f.Temp(ValType.I32);
            f.Code.Emit(Opcode.LocalGet, local64);
            f.Code.Emit(Opcode.I32WrapI64);
            f.Code.Emit(Opcode.LocalSet, l32);
            return new(0, l32, local64, false);
        }

        public void Push32(CodeWriter c)
        {
            if (IsConstant) c.I32Const((int)Value);
            else c.Emit(Opcode.LocalGet, Local32);
        }

        public void Push64(CodeWriter c)
        {
            if (IsConstant) c.I64Const(Value);
            else c.Emit(Opcode.LocalGet, Local64);
        }
    }
}
