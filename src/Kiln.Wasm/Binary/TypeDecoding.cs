using Kiln.Wasm.Model;

namespace Kiln.Wasm.Binary;

/// <summary>Readers for the small type encodings shared by several sections: value and reference types,
/// limits, table, memory and global types. Messages follow the reference interpreter's.</summary>
public static class TypeDecoding
{
    public static ValType ReadValType(ref WasmReader r)
    {
        int at = r.Position;
        byte b = r.ReadByte();
        if (!ValTypeExtensions.IsValid(b)) throw r.Error("malformed value type", at);
        return (ValType)b;
    }

    public static ValType ReadRefType(ref WasmReader r)
    {
        int at = r.Position;
        byte b = r.ReadByte();
        if (b is not ((byte)ValType.FuncRef or (byte)ValType.ExternRef)) throw r.Error("malformed reference type", at);
        return (ValType)b;
    }

    /// <summary>Limits with 32-bit bounds. The flag is a one-bit LEB128 in the spec, hence its two messages.</summary>
    public static Limits ReadLimits(ref WasmReader r)
    {
        int at = r.Position;
        byte flag = r.ReadByte();
        if ((flag & 0x80) != 0) throw r.Error("integer representation too long", at);
        if (flag > 1) throw r.Error("integer too large", at);
        uint min = r.ReadU32();
        return flag == 1 ? new Limits(min, r.ReadU32()) : new Limits(min, null);
    }

    public static TableType ReadTableType(ref WasmReader r)
    {
        var elem = ReadRefType(ref r);
        return new TableType(elem, ReadLimits(ref r));
    }

    /// <summary>A memory type: limits whose flag may also carry the threads proposal's shared bit (0x02) when
    /// <paramref name="features"/> allows it. A shared memory without a maximum (flag 2) decodes; the validator
    /// rejects it, as the proposal's tests expect.</summary>
    public static MemoryType ReadMemoryType(ref WasmReader r, WasmFeatures features = WasmFeatures.Default)
    {
        if ((features & WasmFeatures.SharedMemory) == 0) return new(ReadLimits(ref r));
        int at = r.Position;
        byte flag = r.ReadByte();
        if ((flag & 0x80) != 0) throw r.Error("integer representation too long", at);
        if (flag > 3) throw r.Error("malformed limits flags", at);
        uint min = r.ReadU32();
        uint? max = (flag & 1) != 0 ? r.ReadU32() : null;
        return new(new Limits(min, max), Shared: (flag & 2) != 0);
    }

    public static GlobalType ReadGlobalType(ref WasmReader r)
    {
        var t = ReadValType(ref r);
        int at = r.Position;
        byte m = r.ReadByte();
        if (m > 1) throw r.Error("malformed mutability", at);
        return new GlobalType(t, m == 1);
    }
}
