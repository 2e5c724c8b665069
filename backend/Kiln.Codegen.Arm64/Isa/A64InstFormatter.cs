using System.Globalization;
using System.Text;
using Kiln.IR;

namespace Kiln.Codegen.Arm64;

/// <summary>
/// Spells <see cref="AInst"/>s for <see cref="VCodePrinter"/>: <c>alu.add.32 v3, v1, v2</c>,
/// <c>load.u8.32 v4, [v1 + v2 + 16] heap_out_of_bounds</c>, <c>brif.lt (cmp.32 v1, v2)</c>. The suffix is the
/// operation size in bits; register operands come in VCode operand order, address and compare operands where they belong.
/// </summary>
public sealed class A64InstFormatter : IInstFormatter<AInst>
{
    public static A64InstFormatter Instance { get; } = new();

    public string RegName(PReg reg) =>
        (reg.Class == RegClass.Float ? "v" : "x") + reg.HwEnc.ToString(CultureInfo.InvariantCulture);

    private static string SubName(in AInst m) => m.Op switch
    {
        AOp.Alu or AOp.AluImm => ((AluOp)m.Sub).ToString(),
        AOp.MulAdd => m.Sub == 1 ? "msub" : "madd",
        AOp.Div => ((DivKind)m.Sub).ToString(),
        AOp.BitCount => ((BitCountOp)m.Sub).ToString(),
        AOp.Extend => ((ExtendOp)m.Sub).ToString(),
        AOp.Load => ((LoadOp)m.Sub).ToString(),
        AOp.FAlu => ((FAluOp)m.Sub).ToString(),
        AOp.FUnary => ((FUnaryOp)m.Sub).ToString(),
        AOp.CvtFToInt => ((CvtKind)m.Sub).ToString(),
        AOp.CvtIntToF => m.Sub == 1 ? "unsigned" : "signed",
        _ => "",
    };

    public string Format(in AInst m, ReadOnlySpan<string> operands)
    {
        var ops = new string[Math.Max(operands.Length, 16)];
        for (int k = 0; k < ops.Length; k++) ops[k] = k < operands.Length ? operands[k] : "%" + k.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder(ToSnake(m.Op.ToString()));
        string sub = SubName(m);
        if (sub.Length > 0) sb.Append('.').Append(sub.ToLowerInvariant());
        if (m.Size > 0) sb.Append('.').Append((m.Size * 8).ToString(CultureInfo.InvariantCulture));
        if (m.Flags != FlagsKind.None) sb.Append('.').Append(m.Cond.ToString().ToLowerInvariant());
        var taken = new bool[ops.Length];
        int flagsCount = m.Flags switch { FlagsKind.None => 0, FlagsKind.Cmp or FlagsKind.FCmp => 2, _ => 1 };
        for (int k = 0; k < flagsCount; k++) taken[m.FlagsAt + k] = true;
        if (m.Base >= 0) taken[m.Base] = true;
        if (m.Index >= 0) taken[m.Index] = true;
        var parts = new List<string>();
        for (int k = 0; k < operands.Length; k++)
            if (!taken[k]) parts.Add(ops[k]);
        if (m.Base >= 0)
        {
            var mem = new StringBuilder("[").Append(ops[m.Base]);
            if (m.Index >= 0) mem.Append(" + ").Append(ops[m.Index]);
            if (m.Index >= 0 && m.Shift != 0) mem.Append(" << ").Append(m.Shift.ToString(CultureInfo.InvariantCulture));
            if (m.Disp != 0) mem.Append(m.Disp < 0 ? " - " : " + ").Append(Math.Abs(m.Disp).ToString(CultureInfo.InvariantCulture));
            parts.Add(mem.Append(']').ToString());
        }
        switch (m.Op)
        {
            case AOp.MovImm or AOp.AluImm:
                parts.Add("#" + m.Imm.ToString(CultureInfo.InvariantCulture));
                break;
            case AOp.FConst:
                parts.Add("#0x" + m.Imm.ToString("x", CultureInfo.InvariantCulture));
                break;
            case AOp.LoadStackArg or AOp.StoreRetArea:
                parts.Add($"[incoming + {m.Disp}]");
                break;
            case AOp.LoadOutArg or AOp.StoreOutArg:
                parts.Add($"[outgoing + {m.Disp}]");
                break;
            case AOp.StackAddr:
                parts.Add("ss" + m.Target.ToString(CultureInfo.InvariantCulture));
                break;
            case AOp.Call:
                parts.Insert(0, "fn" + m.Target.ToString(CultureInfo.InvariantCulture));
                break;
            case AOp.BrTable:
                parts.Add("jt" + m.Target.ToString(CultureInfo.InvariantCulture));
                break;
        }
        if (flagsCount > 0)
        {
            string cmp = m.Flags switch
            {
                FlagsKind.Zero => $"(zero.{m.Size2 * 8} {ops[m.FlagsAt]})",
                FlagsKind.Cmp => $"(cmp.{m.Size2 * 8} {ops[m.FlagsAt]}, {ops[m.FlagsAt + 1]})",
                FlagsKind.CmpImm => $"(cmp.{m.Size2 * 8} {ops[m.FlagsAt]}, #{m.Imm.ToString(CultureInfo.InvariantCulture)})",
                _ => $"(fcmp.{m.Size2 * 8} {ops[m.FlagsAt]}, {ops[m.FlagsAt + 1]})",
            };
            parts.Add(cmp);
        }
        if (parts.Count > 0) sb.Append(' ').Append(string.Join(", ", parts));
        if (m.Trap != TrapCode.None) sb.Append(' ').Append(m.Trap.Name());
        return sb.ToString();
    }

    private static string ToSnake(string name)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
