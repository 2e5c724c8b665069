using Kiln.Wasm.Instructions;

namespace Kiln.Wasm.Binary;

/// <summary>
/// Walks encoded instructions once to find where an expression ends and to check the nesting the binary
/// grammar imposes: every block closes with <c>end</c>, <c>else</c> only inside an <c>if</c>'s first branch.
/// It also notes uses of data indices (memory.init, data.drop), which need a data count section. Its reader
/// applies the module's <see cref="WasmFeatures"/>; code it accepts means the same under the default features,
/// so later readers of the same bytes need none.
/// One instance is reused for a whole module so its frame stack is allocated once.
/// </summary>
internal sealed class ExpressionScanner(WasmFeatures features)
{
    // One byte per open block: 1 while it is an `if` whose `else` may still come.
    private byte[] _frames = new byte[64];

    /// <summary>Set when a scanned expression used memory.init or data.drop.</summary>
    public bool UsesDataIndex { get; set; }

    /// <summary>
    /// Scans from the start of <paramref name="code"/> through the <c>end</c> that closes the expression and
    /// returns the number of bytes it took. Running out of bytes first throws <paramref name="endMissing"/>.
    /// </summary>
    public int Scan(ReadOnlySpan<byte> code, int baseOffset, string endMissing)
    {
        var ir = new InstructionReader(code, baseOffset, features);
        int depth = 0;
        while (!ir.AtEnd)
        {
            var ins = ir.Read();
            switch (ins.Opcode)
            {
                case Opcode.Block:
                case Opcode.Loop:
                case Opcode.TryTable:
                    Push(ref depth, 0);
                    break;
                case Opcode.If:
                    Push(ref depth, 1);
                    break;
                case Opcode.Else:
                    // The reference interpreter stops the instruction list at `else` and then wants `end`.
                    if (depth == 0 || _frames[depth - 1] != 1) throw new WasmDecodeException("END opcode expected", ins.Offset);
                    _frames[depth - 1] = 0;
                    break;
                case Opcode.End:
                    if (depth == 0) return ir.Offset - baseOffset;
                    depth--;
                    break;
                case Opcode.MemoryInit:
                case Opcode.DataDrop:
                    UsesDataIndex = true;
                    break;
            }
        }
        throw new WasmDecodeException(endMissing, baseOffset + code.Length);
    }

    private void Push(ref int depth, byte kind)
    {
        // Depth is bounded by the code length (each block opcode is a byte or more), so growth is bounded too.
        if (depth == _frames.Length) Array.Resize(ref _frames, _frames.Length * 2);
        _frames[depth++] = kind;
    }
}
