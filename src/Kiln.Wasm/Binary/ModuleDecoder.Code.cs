using Kiln.Wasm.Model;

namespace Kiln.Wasm.Binary;

// The code section: local declarations and one structural scan of each body.
public sealed partial class ModuleDecoder
{
    private void ReadCodeSection(ref WasmReader r)
    {
        // Whether the count matches the function section is checked once the whole module is read, as the
        // reference interpreter does (so a duplicate code section is reported as such).
        int count = r.ReadCount(2); // size and local group count at least
        _m.Codes.EnsureCapacity(count);
        _scanner.UsesDataIndex = false;
        for (int i = 0; i < count; i++)
        {
            int bodyAt = r.Offset;
            int size = r.ReadCount();
            var body = new WasmReader(r.Data.Slice(r.Position, size), r.Offset);
            r.Position += size;
            _m.Codes.Add(ReadBody(ref body, bodyAt, lastInSection: r.AtEnd));
        }
        if (_scanner.UsesDataIndex && _m.DataCount is null)
            throw new WasmDecodeException("data count section required", FirstDataIndexUse());
    }

    private FunctionBody ReadBody(ref WasmReader r, int bodyAt, bool lastInSection)
    {
        int localsAt = r.Position;
        int groupCount = r.ReadCount(2);
        var locals = groupCount == 0 ? [] : new LocalGroup[groupCount];
        ulong total = 0;
        for (int g = 0; g < groupCount; g++)
        {
            uint n = r.ReadU32();
            total += n;
            locals[g] = new LocalGroup(n, TypeDecoding.ReadValType(ref r));
        }
        if (total > MaxLocals) throw r.Error("too many locals", localsAt);

        int codeAt = r.Offset;
        var code = r.Data[r.Position..];
        if (_trustedBodies)
        {
            r.Position = r.Length;
            return new FunctionBody { Locals = locals, Code = _bytes.Slice(codeAt, code.Length), CodeOffset = codeAt, BodyOffset = bodyAt };
        }
        // A body that runs out before its final `end`: the reference interpreter reads on into the next body and
        // complains about the byte it finds there, or about the section ending if there is none.
        int len = _scanner.Scan(code, codeAt, lastInSection ? UnexpectedEndOfSection : "END opcode expected");
        if (len != code.Length) throw new WasmDecodeException("section size mismatch", codeAt + len);
        r.Position = r.Length;
        return new FunctionBody { Locals = locals, Code = _bytes.Slice(codeAt, len), CodeOffset = codeAt, BodyOffset = bodyAt };
    }

    /// <summary>Only on the error path: finds the first memory.init or data.drop again for the message's offset.</summary>
    private int FirstDataIndexUse()
    {
        foreach (var body in _m.Codes)
        {
            var ir = new Instructions.InstructionReader(body.Code.Span, body.CodeOffset);
            while (!ir.AtEnd)
            {
                var ins = ir.Read();
                if (ins.Opcode is Instructions.Opcode.MemoryInit or Instructions.Opcode.DataDrop) return ins.Offset;
            }
        }
        return 0;
    }
}
