using System.Globalization;
using System.Text;

namespace Kiln.Codegen;

/// <summary>
/// The listing of one compiled function on any target: one instruction a line with its offset (the target's
/// disassembler), annotated with trap sites and relocations, followed by the jump tables. Used by golden tests.
/// </summary>
public static class FunctionListing
{
    public static string Print(TargetIsa target, CompiledFunction f, bool showBytes = false)
    {
        var sb = new StringBuilder();
        int trapIx = 0, relocIx = 0;
        foreach (var inst in target.Disassemble(f.Code, 0, f.InstructionBytes, 0, pcRelativeAsTarget: true))
        {
            int off = (int)inst.Address;
            sb.Append(off.ToString("x4", CultureInfo.InvariantCulture)).Append(": ");
            if (showBytes)
                sb.Append(Convert.ToHexString(f.Code, off, inst.Length).ToLowerInvariant().PadRight(24));
            sb.Append(inst.Text);
            while (trapIx < f.TrapSites.Length && f.TrapSites[trapIx].Offset < off) trapIx++;
            var notes = new StringBuilder();
            for (int t = trapIx; t < f.TrapSites.Length && f.TrapSites[t].Offset == off; t++)
                notes.Append(" trap: ").Append(f.TrapSites[t].Code.Name());
            while (relocIx < f.Relocations.Length && f.Relocations[relocIx].Offset < off) relocIx++;
            for (int r = relocIx; r < f.Relocations.Length && f.Relocations[r].Offset < off + inst.Length; r++)
                notes.Append(" reloc: ").Append(f.Relocations[r].IsLibCall ? "libcall " : "").Append(f.Relocations[r].Symbol);
            if (notes.Length > 0) sb.Append(new string(' ', Math.Max(1, 32 - inst.Text.Length))).Append(';').Append(notes);
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
