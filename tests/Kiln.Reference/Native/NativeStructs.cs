using System.Runtime.InteropServices;

namespace Kiln.Reference.Native;

// The C structs of Wasmtime 50.0.1's C API that cross the boundary by value. Sizes and offsets are those of
// x86-64 / AArch64 Linux (LP64); Kiln.Reference.Tests pins each one by a call whose result would be wrong
// (or whose neighbours in an array would be) if a size or offset were off.

/// <summary><c>wasm_byte_vec_t</c> = <c>wasm_name_t</c> = <c>wasm_message_t</c>: <c>{ size_t size; uint8_t *data; }</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ByteVec
{
    public nuint Size;
    public byte* Data;

    public readonly ReadOnlySpan<byte> Span => Data == null ? default : new ReadOnlySpan<byte>(Data, checked((int)Size));
}

/// <summary>Any <c>wasm_*_vec_t</c> of pointers (<c>wasm_valtype_vec_t</c>, <c>wasm_frame_vec_t</c>).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PtrVec
{
    public nuint Size;
    public nint* Data;
}

/// <summary><c>wasmtime_func_t</c>: <c>{ uint64_t store_id; void *__private; }</c>, 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeFunc
{
    public ulong StoreId;
    public nint Private;
}

/// <summary><c>wasmtime_instance_t</c>: <c>{ uint64_t store_id; size_t __private; }</c>, 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeInstance
{
    public ulong StoreId;
    public nuint Private;
}

/// <summary>
/// <c>wasmtime_extern_t</c>: a <c>uint8_t kind</c> and, at offset 8, a union whose largest members
/// (<c>wasmtime_global_t</c>, <c>wasmtime_memory_t</c>, <c>wasmtime_table_t</c>) are 24 bytes: 32 bytes.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
internal struct NativeExtern
{
    public const byte KindFunc = 0;
    [FieldOffset(0)] public byte Kind;
    [FieldOffset(8)] public NativeFunc Func;
}

/// <summary>
/// <c>wasmtime_val_t</c>: a <c>uint8_t kind</c> and, at offset 8, <c>wasmtime_valunion_t</c>, which with the GC
/// feature (on in the NuGet build: it exports <c>wasmtime_anyref_*</c>) holds 24-byte reference structs: 32 bytes.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
internal struct NativeVal
{
    [FieldOffset(0)] public byte Kind;
    [FieldOffset(8)] public int I32;
    [FieldOffset(8)] public long I64;
    [FieldOffset(8)] public float F32;
    [FieldOffset(8)] public double F64;
}

/// <summary><c>wasmtime_component_instance_t</c>: <c>{ uint64_t store_id; uint32_t __private; }</c>, 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeComponentInstance
{
    public ulong StoreId;
    public uint Private;
}

/// <summary>
/// <c>wasmtime_component_func_t</c>. Wasmtime's 49 headers declare
/// <c>{ struct { uint64_t store_id; uint32_t __private1; }; uint32_t __private2; }</c> (24 bytes), but the 50.0.1
/// library writes 32: a pointer follows at offset 24. A 24-byte copy loses it and the next call crashes inside
/// <c>Func::call_unchecked_raw</c>; <c>LayoutTests</c> pins the size with a canary.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
internal struct NativeComponentFunc
{
    [FieldOffset(0)] public ulong StoreId;
    [FieldOffset(8)] public uint Private1;
    [FieldOffset(16)] public uint Private2;
    [FieldOffset(24)] public nint Private3;
}

/// <summary><c>wasmtime_component_valtype_t</c>: a <c>uint8_t kind</c> and a union of type pointers, 16 bytes.</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct NativeComponentValType
{
    [FieldOffset(0)] public byte Kind;
    [FieldOffset(8)] public nint Of;
}

/// <summary>
/// <c>wasmtime_component_val_t</c>: a <c>uint8_t kind</c> and, at offset 8, <c>wasmtime_component_valunion_t</c>,
/// whose largest member is the variant (<c>wasm_name_t</c> discriminant, then a value pointer): 24 bytes, so 32
/// in all. (In Rust a <c>#[repr(C, u8)]</c> enum.) Vectors (<c>list</c>, <c>record</c>, <c>tuple</c>,
/// <c>flags</c>, <c>string</c>, <c>enum</c>) are <c>{ size, data }</c> at 8 and 16; a variant adds its payload
/// pointer at 24; a result is <c>bool is_ok</c> at 8 and its payload pointer at 16; an option is one pointer
/// at 8 (null for none).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
internal unsafe struct NativeComponentVal
{
    [FieldOffset(0)] public ComponentValueKind Kind;
    [FieldOffset(8)] public byte Bool;
    [FieldOffset(8)] public sbyte S8;
    [FieldOffset(8)] public byte U8;
    [FieldOffset(8)] public short S16;
    [FieldOffset(8)] public ushort U16;
    [FieldOffset(8)] public int S32;
    [FieldOffset(8)] public uint U32;
    [FieldOffset(8)] public long S64;
    [FieldOffset(8)] public ulong U64;
    [FieldOffset(8)] public float F32;
    [FieldOffset(8)] public double F64;
    [FieldOffset(8)] public uint Char;
    /// <summary>string, enum, and the variant's case name.</summary>
    [FieldOffset(8)] public ByteVec Name;
    /// <summary>list, tuple (of <see cref="NativeComponentVal"/>), record (of <see cref="NativeRecordEntry"/>), flags (of <see cref="ByteVec"/>).</summary>
    [FieldOffset(8)] public nuint VecSize;
    [FieldOffset(16)] public void* VecData;
    [FieldOffset(24)] public NativeComponentVal* VariantPayload;
    [FieldOffset(8)] public NativeComponentVal* OptionPayload;
    [FieldOffset(8)] public byte ResultIsOk;
    [FieldOffset(16)] public NativeComponentVal* ResultPayload;
}

/// <summary><c>wasmtime_component_valrecord_entry_t</c>: <c>{ wasm_name_t name; wasmtime_component_val_t val; }</c>, 48 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeRecordEntry
{
    public ByteVec Name;
    public NativeComponentVal Val;
}
