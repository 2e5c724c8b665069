using Kiln.Wasm.Model;

namespace Kiln.Wasm.Binary;

// Element and data segments.
public sealed partial class ModuleDecoder
{
    // Element segment flag bits (the eight encodings are their combinations).
    private const uint ElemPassiveOrDeclarative = 1, ElemExplicitTableOrDeclarative = 2, ElemExpressions = 4;

    private void ReadElementSection(ref WasmReader r)
    {
        int n = r.ReadCount();
        _m.Elements.EnsureCapacity(n);
        for (int i = 0; i < n; i++) _m.Elements.Add(ReadElementSegment(ref r));
    }

    private ElementSegment ReadElementSegment(ref WasmReader r)
    {
        int at = r.Position;
        uint flags = r.ReadU32();
        if (flags > 7) throw r.Error("malformed elements segment kind", at);
        bool expressions = (flags & ElemExpressions) != 0;
        var mode = (flags & ElemPassiveOrDeclarative) == 0 ? SegmentMode.Active
            : (flags & ElemExplicitTableOrDeclarative) != 0 ? SegmentMode.Declarative : SegmentMode.Passive;

        uint table = 0;
        ConstExpr? offset = null;
        if (mode == SegmentMode.Active)
        {
            if ((flags & ElemExplicitTableOrDeclarative) != 0) table = r.ReadU32();
            offset = ReadConstExpr(ref r);
        }

        var elementType = ValType.FuncRef;
        if ((flags & 3) != 0) // every form but 0 and 4 spells out the element kind or type
        {
            if (expressions)
            {
                elementType = TypeDecoding.ReadRefType(ref r);
            }
            else
            {
                int kindAt = r.Position;
                if (r.ReadByte() != 0x00) throw r.Error("malformed element kind", kindAt);
            }
        }

        int count = r.ReadCount();
        uint[]? indices = null;
        ConstExpr[]? exprs = null;
        if (expressions)
        {
            exprs = count == 0 ? [] : new ConstExpr[count];
            for (int i = 0; i < count; i++) exprs[i] = ReadConstExpr(ref r);
        }
        else
        {
            indices = count == 0 ? [] : new uint[count];
            for (int i = 0; i < count; i++) indices[i] = r.ReadU32();
        }
        return new ElementSegment
        {
            Mode = mode,
            TableIndex = table,
            Offset = offset,
            ElementType = elementType,
            FunctionIndices = indices,
            Expressions = exprs,
            Encoding = (int)flags,
        };
    }

    private void ReadDataSection(ref WasmReader r)
    {
        int countAt = r.Position;
        int n = r.ReadCount();
        if (_m.DataCount is { } dc && dc != (uint)n)
            throw r.Error("data count and data section have inconsistent lengths", countAt);
        _m.Data.EnsureCapacity(n);
        for (int i = 0; i < n; i++)
        {
            int at = r.Position;
            uint flags = r.ReadU32();
            var segment = flags switch
            {
                0 => new DataSegment { Mode = SegmentMode.Active, Offset = ReadConstExpr(ref r), Data = ReadDataBytes(ref r) },
                1 => new DataSegment { Mode = SegmentMode.Passive, Data = ReadDataBytes(ref r) },
                2 => new DataSegment
                {
                    Mode = SegmentMode.Active,
                    MemoryIndex = r.ReadU32(),
                    Offset = ReadConstExpr(ref r),
                    Data = ReadDataBytes(ref r),
                },
                _ => throw r.Error("malformed data segment kind", at),
            };
            _m.Data.Add(segment);
        }
    }

    private ReadOnlyMemory<byte> ReadDataBytes(ref WasmReader r)
    {
        int len = r.ReadCount();
        var data = Slice(r, len);
        r.Position += len;
        return data;
    }
}
