using System.Globalization;
using Kiln.Wasm.Instructions;

namespace Kiln.Wasm.Text.Printing;

/// <summary>
/// Prints instruction sequences in the flat (linear) form: one instruction a line, nested blocks
/// indented, <c>else</c>/<c>end</c> back at their block's level. A folded printer would sit beside this
/// one and reuse <see cref="InstructionText"/>.
/// </summary>
internal sealed class FlatCodePrinter(TextLines lines, InstructionText text, WatPrinterOptions options)
{
    /// <summary>Prints a function body's instructions, leaving out the function's own final <c>end</c>.</summary>
    public void PrintBody(ReadOnlySpan<byte> code, int baseOffset, int depth)
    {
        var reader = new InstructionReader(code, baseOffset);
        int nesting = 0;
        while (!reader.AtEnd)
        {
            var ins = reader.Read();
            text.Nesting = nesting;
            switch (ins.Opcode)
            {
                case Opcode.End:
                    if (nesting == 0 && reader.AtEnd)
                    {
                        text.Nesting = -1;
                        return;
                    }
                    // A stray end in a malformed body stays visible rather than going negative.
                    if (nesting > 0) nesting--;
                    Line(depth + nesting, ins, ref reader);
                    break;
                case Opcode.Else:
                    Line(depth + Math.Max(nesting - 1, 0), ins, ref reader);
                    break;
                case Opcode.Block:
                case Opcode.Loop:
                case Opcode.If:
                case Opcode.TryTable:
                    Line(depth + nesting, ins, ref reader);
                    nesting++;
                    if (options.LabelComments) lines.LineComment("label = @" + nesting.ToString(CultureInfo.InvariantCulture));
                    break;
                default:
                    Line(depth + nesting, ins, ref reader);
                    break;
            }
        }
        text.Nesting = -1;
    }

    /// <summary>
    /// Appends a constant expression to the current line: <c>(i32.const 0)</c> when it is a single
    /// instruction (the folded form), else <c>(keyword i1 i2 …)</c>, or the bare sequence when
    /// <paramref name="keyword"/> is null (a global's initializer).
    /// </summary>
    public void AppendConstExpr(ReadOnlySpan<byte> code, int baseOffset, string? keyword)
    {
        var sb = lines.Current;
        // Count first: the shape depends on the number of instructions before the final end.
        int count = 0;
        var probe = new InstructionReader(code, baseOffset);
        while (!probe.AtEnd)
        {
            var i = probe.Read();
            if (i.Opcode == Opcode.End && probe.AtEnd) break;
            count++;
        }

        bool wrap = count == 1 || keyword is not null;
        if (wrap) sb.Append(" (");
        if (count != 1 && keyword is not null) sb.Append(keyword);
        var reader = new InstructionReader(code, baseOffset);
        for (int n = 0; n < count; n++)
        {
            var ins = reader.Read();
            if (n > 0 || count != 1 || !wrap) sb.Append(' ');
            AppendOffset(ins.Offset);
            text.Append(sb, ins, ref reader);
        }
        if (wrap) sb.Append(')');
    }

    private void Line(int depth, in Instruction ins, ref InstructionReader reader)
    {
        lines.NewLine(depth);
        AppendOffset(ins.Offset);
        text.Append(lines.Current, ins, ref reader);
    }

    private void AppendOffset(int offset)
    {
        if (options.ShowOffsets) lines.Current.Append("(;@").Append(offset.ToString("x", CultureInfo.InvariantCulture)).Append(";) ");
    }
}
