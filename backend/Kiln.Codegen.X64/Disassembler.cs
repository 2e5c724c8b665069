using System.Globalization;
using System.Text;
using Iced.Intel;

namespace Kiln.Codegen.X64;

// Kiln.Codegen has its own TrapCode; this backend speaks the IR's.
using TrapCode = Kiln.IR.TrapCode;

/// <summary>
/// Intel-syntax listing of a compiled function (Iced's formatter), one instruction per line with its offset,
/// annotated with trap sites and relocations, followed by the jump tables. Used by golden tests and objdump.
/// </summary>
public static class Disassembler
{
    public static string Print(CompiledFunction f, bool showBytes = false)
    {
        var sb = new StringBuilder();
        var formatter = new IntelFormatter();
        var o = formatter.Options;
        o.HexPrefix = "0x";
        o.HexSuffix = null;
        o.LeadingZeros = false;
        o.BranchLeadingZeros = false;
        o.SmallHexNumbersInDecimal = true;
        o.ShowBranchSize = false;
        o.SpaceAfterOperandSeparator = true;
        o.RipRelativeAddresses = false;
        var output = new StringOutput();
        var decoder = Iced.Intel.Decoder.Create(64, new ByteArrayCodeReader(f.Code, 0, f.InstructionBytes), 0);
        int trapIx = 0, relocIx = 0;
        while (decoder.IP < (ulong)f.InstructionBytes)
        {
            decoder.Decode(out var inst);
            int off = (int)inst.IP;
            formatter.Format(inst, output);
            sb.Append(off.ToString("x4", CultureInfo.InvariantCulture)).Append(": ");
            if (showBytes)
            {
                var hex = Convert.ToHexString(f.Code, off, inst.Length).ToLowerInvariant();
                sb.Append(hex.PadRight(24));
            }
            string text = output.ToStringAndReset();
            sb.Append(text);
            while (trapIx < f.TrapSites.Length && f.TrapSites[trapIx].Offset < off) trapIx++;
            var notes = new StringBuilder();
            for (int t = trapIx; t < f.TrapSites.Length && f.TrapSites[t].Offset == off; t++)
                notes.Append(" trap: ").Append(Kiln.IR.TrapCodes.Name(f.TrapSites[t].Code));
            while (relocIx < f.Relocations.Length && f.Relocations[relocIx].Offset < off) relocIx++;
            for (int r = relocIx; r < f.Relocations.Length && f.Relocations[r].Offset < off + inst.Length; r++)
                notes.Append(" reloc: ").Append(f.Relocations[r].IsLibCall ? "libcall " : "").Append(f.Relocations[r].Symbol);
            if (notes.Length > 0) sb.Append(new string(' ', Math.Max(1, 32 - text.Length))).Append(';').Append(notes);
            sb.Append('\n');
        }
        foreach (var t in f.JumpTables)
        {
            sb.Append(t.Offset.ToString("x4", CultureInfo.InvariantCulture)).Append(": jump table\n");
            for (int k = 0; k < t.Count; k++)
            {
                int rel = BitConverter.ToInt32(f.Code, t.Offset + 4 * k);
                sb.Append("      ").Append(k.ToString(CultureInfo.InvariantCulture)).Append(" -> ")
                  .Append((t.Offset + rel).ToString("x4", CultureInfo.InvariantCulture)).Append('\n');
            }
        }
        return sb.ToString();
    }
}
