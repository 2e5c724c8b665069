using System.Buffers.Binary;
using Kiln.Component.Model;
using Kiln.Component.Validation.Canonical;
using Kiln.Component.Validation.Types;
using Kiln.Wasm.Model;

namespace Kiln.Runtime.Components.Abi;

/// <summary>
/// The canonical ABI on the host side (CanonicalABI.md and its definitions.py): loading and storing values in
/// linear memory, lifting and lowering flat core values, and the spill of parameter and result tuples that do
/// not fit in <see cref="Flattening.MaxFlatParams"/> / <see cref="Flattening.MaxFlatResults"/> values. Layouts
/// and flattenings are the validator's (<see cref="ElementSize"/> with 4-byte pointers, <see cref="Flattening"/>):
/// one definition. Every check the ABI demands is a <see cref="Trap"/>; a host value of the wrong shape is a
/// <see cref="ComponentTypeMismatchException"/>.
/// </summary>
internal static partial class CanonicalAbi
{
    public const int PointerSize = 4;
    public const uint MaxStringByteLength = (1u << 28) - 1;
    public const uint MaxListByteLength = (1u << 28) - 1;
    private const uint Utf16Tag = 1u << 31;

    /// <summary>The kind of a value type, looking through a primitive given a type index.</summary>
    public static (DefinedKind Kind, PrimValType Prim, DefinedTypeData? Data) Shape(TypeArena types, ResolvedValType t)
    {
        if (t.IsPrimitive) return (DefinedKind.Primitive, t.Primitive, null);
        var d = types.Defined(t.Type);
        return (d.Kind, d.Primitive, d);
    }

    public static (long Size, int Align) Layout(TypeArena types, ResolvedValType t) => ElementSize.Of(types, t, PointerSize);

    public static long AlignTo(long n, int align) => (n + align - 1) / align * align;

    /// <summary>Size and alignment of a tuple of <paramref name="ts"/> (parameter and result spills).</summary>
    public static (long Size, int Align) TupleLayout(TypeArena types, IReadOnlyList<ResolvedValType> ts)
    {
        long size = 0;
        int align = 1;
        foreach (var t in ts)
        {
            var (s, a) = Layout(types, t);
            size = AlignTo(size, a) + s;
            align = Math.Max(align, a);
        }
        return (AlignTo(size, align), align);
    }

    public static int DiscriminantSize(int cases) => cases <= 256 ? 1 : cases <= 65536 ? 2 : 4;

    /// <summary>The case types of a variant-like type: variant, option (none, some), result (ok, err), enum (no payloads).</summary>
    public static ResolvedValType?[] Cases(DefinedKind kind, DefinedTypeData d) => kind switch
    {
        DefinedKind.Option => [null, d.Types[0]],
        DefinedKind.Enum => new ResolvedValType?[d.Names.Length],
        _ => d.Types,
    };

    public static int MaxCaseAlignment(TypeArena types, ResolvedValType?[] cases)
    {
        int a = 1;
        foreach (var c in cases) if (c is { } ct) a = Math.Max(a, Layout(types, ct).Align);
        return a;
    }

    // ---- memory access with the ABI's checks ----

    /// <summary>Checks that [ptr, ptr+size) is inside the memory and ptr is aligned; <paramref name="what"/> names the trap.</summary>
    public static void CheckRange(Memory memory, ulong ptr, ulong size, int align, string what)
    {
        if (ptr % (ulong)align != 0) throw ComponentTraps.Abi("unaligned pointer");
        if (ptr + size > memory.Length) throw ComponentTraps.Abi($"{what} out of bounds of memory");
    }

    public static ulong ReadUInt(Memory m, ulong ptr, int bytes)
    {
        var span = m.GetSpan(ptr, bytes);
        return bytes switch
        {
            1 => span[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(span),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(span),
            _ => BinaryPrimitives.ReadUInt64LittleEndian(span),
        };
    }

    public static void WriteUInt(Memory m, ulong ptr, int bytes, ulong v)
    {
        var span = m.GetSpan(ptr, bytes);
        switch (bytes)
        {
            case 1: span[0] = (byte)v; break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)v); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)v); break;
            default: BinaryPrimitives.WriteUInt64LittleEndian(span, v); break;
        }
    }

    /// <summary>Calls the options' <c>realloc(old, old_size, align, new_size)</c> and checks what it returns.</summary>
    public static uint Realloc(CallContext cx, uint oldPtr, uint oldSize, int align, uint newSize, string content = "list")
    {
        var realloc = cx.Realloc ?? throw new InvalidOperationException("canonical option `realloc` missing (validation should have caught this)");
        var r = realloc.Call(Value.I32((int)oldPtr), Value.I32((int)oldSize), Value.I32(align), Value.I32((int)newSize));
        return CheckReallocResult(cx.RequireMemory(), (uint)r[0].AsI32(), align, newSize, cx.Adapter, content);
    }

    /// <summary>The checks of what realloc returned (the Val path and the typed path share them): aligned, and the
    /// allocation inside the memory. An adapter words them as Wasmtime's adapters do, about the content.</summary>
    public static uint CheckReallocResult(Memory memory, uint ptr, int align, uint size, bool adapter, string content)
    {
        if (ptr % (uint)align != 0) throw ComponentTraps.Abi(adapter ? "unaligned pointer" : "realloc return: result not aligned");
        if ((ulong)ptr + size > memory.Length) throw ComponentTraps.Abi(adapter ? content + " content out-of-bounds" : "realloc return: beyond end of memory");
        return ptr;
    }

    /// <summary>Allocation for <see cref="StoreUtf8{TAllocator}"/>: realloc of one call site, without a delegate.</summary>
    public interface IAllocator
    {
        uint Allocate(int align, uint size);
    }

    /// <summary>Realloc of a call's canonical options.</summary>
    public readonly struct ContextAllocator(CallContext cx, string content) : IAllocator
    {
        public uint Allocate(int align, uint size) => Realloc(cx, 0, 0, align, size, content);
    }

    public static int CharCheck(ulong i)
    {
        if (i >= 0x110000 || (i >= 0xD800 && i <= 0xDFFF)) throw ComponentTraps.Abi("invalid `char` bit pattern");
        return (int)i;
    }

    public static ulong CanonicalizeF32(ulong bits) => float.IsNaN(BitConverter.UInt32BitsToSingle((uint)bits)) ? 0x7fc00000u : bits & 0xffffffffu;
    public static ulong CanonicalizeF64(ulong bits) => double.IsNaN(BitConverter.UInt64BitsToDouble(bits)) ? 0x7ff8000000000000ul : bits;
}
