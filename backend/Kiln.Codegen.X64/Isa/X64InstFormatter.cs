using System.Globalization;
using System.Text;
using Kiln.IR;

namespace Kiln.Codegen.X64;

/// <summary>
/// Spells <see cref="MInst"/>s for <see cref="VCodePrinter"/>: <c>add.32 v3, v1, v2</c>, <c>load.u8.32 v4, [v1 + v2*4 + 16] heap_out_of_bounds</c>,
/// <c>brif.l (cmp.32 v1, v2)</c> (the VCode printer adds the successors). The suffix is the operation size in bits; register operands come in
/// VCode operand order (the def first for most instructions), the address and compare operands where they belong.
/// </summary>
public sealed class X64InstFormatter : IInstFormatter<MInst>
{
    public static X64InstFormatter Instance { get; } = new();

    private static readonly string[] OpNames = BuildOpNames();

    public string RegName(PReg reg) =>
        reg.Class == RegClass.Float ? "xmm" + reg.HwEnc.ToString(CultureInfo.InvariantCulture) : X64Regs.Gpr(reg.HwEnc, 8).ToString().ToLowerInvariant();

    public string Format(in MInst m, ReadOnlySpan<string> operands)
    {
        // Without operands (MInst.ToString) registers print as %k.
        var ops = new string[Math.Max(operands.Length, 16)];
        for (int k = 0; k < ops.Length; k++) ops[k] = k < operands.Length ? operands[k] : "%" + k.ToString(CultureInfo.InvariantCulture);
        int count = operands.Length;
        var sb = new StringBuilder(Mnemonic(m));
        if (m.Size > 0 && m.Op is not (MOp.Jump or MOp.JumpUnwind or MOp.Brif or MOp.Trap or MOp.TrapIf or MOp.Ret or MOp.Args or MOp.Call or MOp.CallIndirect))
            sb.Append('.').Append((m.Size * 8).ToString(CultureInfo.InvariantCulture));
        if (m.Flags != FlagsKind.None && m.Op != MOp.Setcc) sb.Append('.').Append(m.Cond.ToString().ToLowerInvariant());
        var taken = new bool[ops.Length];
        int flagsCount = m.Flags switch { FlagsKind.None => 0, FlagsKind.Cmp or FlagsKind.Ucomi => 2, _ => 1 };
        for (int k = 0; k < flagsCount; k++) taken[m.FlagsAt + k] = true;
        bool hasMem = m.Base >= 0;
        if (hasMem) taken[m.Base] = true;
        if (m.Index >= 0) taken[m.Index] = true;

        var parts = new List<string>();
        if (m.Op == MOp.Div)
        {
            // quotient, remainder <- dividend, divisor
            parts.AddRange([ops[2], ops[3], ops[0], ops[1]]);
        }
        else
        {
            for (int k = 0; k < count; k++)
                if (!taken[k]) parts.Add(ops[k]);
        }
        if (hasMem)
        {
            var mem = new StringBuilder("[").Append(ops[m.Base]);
            if (m.Index >= 0) mem.Append(" + ").Append(ops[m.Index]).Append('*').Append(m.Scale.ToString(CultureInfo.InvariantCulture));
            if (m.Disp != 0) mem.Append(m.Disp < 0 ? " - " : " + ").Append(Math.Abs((long)m.Disp).ToString(CultureInfo.InvariantCulture));
            parts.Add(mem.Append(']').ToString());
        }
        switch (m.Op)
        {
            case MOp.MovImm or MOp.AluImm or MOp.ImulImm or MOp.ShiftImm or MOp.StoreImm:
                parts.Add("#" + m.Imm.ToString(CultureInfo.InvariantCulture));
                break;
            case MOp.FConst:
                parts.Add("#0x" + m.Imm.ToString("x", CultureInfo.InvariantCulture));
                break;
            case MOp.LoadStackArg or MOp.StoreRetArea:
                parts.Add($"[incoming + {m.Disp}]");
                break;
            case MOp.LoadOutArg or MOp.StoreOutArg:
                parts.Add($"[outgoing + {m.Disp}]");
                break;
            case MOp.Call or MOp.FuncAddr:
                parts.Add($"fn{m.Target}");
                break;
            case MOp.StackAddr:
                parts.Add($"ss{m.Target}");
                break;
            case MOp.JumpTableTarget or MOp.BrTable:
                parts.Add($"table{m.Target}");
                break;
        }
        if (flagsCount > 0)
        {
            string cmp = m.Flags switch { FlagsKind.Test => "test", FlagsKind.Ucomi => "ucomi", _ => "cmp" };
            var f = new StringBuilder("(").Append(cmp).Append('.').Append((m.Size2 * 8).ToString(CultureInfo.InvariantCulture)).Append(' ').Append(ops[m.FlagsAt]);
            if (flagsCount == 2) f.Append(", ").Append(ops[m.FlagsAt + 1]);
            else if (m.Flags == FlagsKind.CmpImm) f.Append(", #").Append(m.Imm.ToString(CultureInfo.InvariantCulture));
            f.Append(')');
            if (m.Op == MOp.Setcc) f.Append(' ').Append(m.Cond.ToString().ToLowerInvariant());
            parts.Add(f.ToString());
        }
        if (parts.Count > 0) sb.Append(' ').AppendJoin(", ", parts);
        if (m.Trap != TrapCode.None) sb.Append(' ').Append(m.Trap.Name());
        return sb.ToString();
    }

    private static string Mnemonic(in MInst m) => m.Op switch
    {
        MOp.Alu or MOp.AluImm or MOp.AluMem => Lower(((AluOp)m.Sub).ToString()),
        MOp.Shift or MOp.ShiftImm => Lower(((ShiftOp)m.Sub).ToString()),
        MOp.Imul or MOp.ImulImm => "imul",
        MOp.Div => Lower(((DivKind)m.Sub).ToString()),
        MOp.BitCount => Lower(((BitCountOp)m.Sub).ToString()),
        MOp.Extend => Lower(((ExtendOp)m.Sub).ToString()),
        MOp.Load => (LoadOp)m.Sub == LoadOp.Full ? "load" : "load." + Lower(((LoadOp)m.Sub).ToString()),
        MOp.FAlu => "f" + Lower(((FAluOp)m.Sub).ToString()),
        MOp.FSign => "f" + Lower(((FSignOp)m.Sub).ToString()),
        MOp.FUnary => Lower(((FUnaryOp)m.Sub).ToString()),
        MOp.CvtFToInt => "cvt_f2i." + Lower(((CvtKind)m.Sub).ToString()),
        MOp.CvtIntToF => m.Sub == 1 ? "cvt_u2f" : "cvt_s2f",
        _ => OpNames[(int)m.Op],
    };

    private static string Lower(string s) => s.ToLowerInvariant();

    /// <summary>MOp names in snake case (<c>LoadStackArg</c> → <c>load_stack_arg</c>).</summary>
    private static string[] BuildOpNames()
    {
        var values = Enum.GetValues<MOp>();
        var names = new string[values.Length];
        foreach (var v in values)
        {
            var sb = new StringBuilder();
            foreach (char c in v.ToString())
            {
                if (char.IsUpper(c) && sb.Length > 0) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            names[(int)v] = sb.ToString();
        }
        return names;
    }
}
