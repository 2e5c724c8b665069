using System.Globalization;
using System.Text;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.Wasm.Text.Printing;

/// <summary>
/// Writes one instruction — mnemonic and immediates — in text form. Independent of layout, so the flat
/// printer, constant expressions, and a later folded printer or IR-annotated dump all share it.
/// </summary>
internal sealed class InstructionText(WasmModule module, NameMap names, WatPrinterOptions options)
{
    /// <summary>Ids of the current function's locals, set by the body printer (empty outside functions).</summary>
    public string?[] LocalIds { get; set; } = [];

    /// <summary>
    /// Blocks open around the instruction, when the caller tracks them (flat bodies): branch depths then get
    /// wasm2wat's <c>(;@N;)</c> note naming the block they target, matching its <c>;; label = @N</c>. -1 for none.
    /// </summary>
    public int Nesting { get; set; } = -1;

    public void Append(StringBuilder sb, in Instruction ins, ref InstructionReader reader)
    {
        var info = ins.Info;
        sb.Append(info.Name);
        switch (info.Immediate)
        {
            case ImmediateKind.None:
                break;
            case ImmediateKind.Memory:      // memory 0 is implied
                if (ins.Index != 0) sb.Append(' ').Append(ins.Index);
                break;
            case ImmediateKind.MemoryCopy:
                if (ins.Index != 0 || ins.Index2 != 0) sb.Append(' ').Append(ins.Index).Append(' ').Append(ins.Index2);
                break;
            case ImmediateKind.BlockType:
                AppendBlockType(sb, ins.BlockType);
                break;
            case ImmediateKind.Label:
                AppendLabel(sb, ins.Index);
                break;
            case ImmediateKind.Global:
            case ImmediateKind.Table:
            case ImmediateKind.Data:
            case ImmediateKind.Elem:
                sb.Append(' ').Append(ins.Index);
                break;
            case ImmediateKind.BrTable:
                {
                    Span<uint> targets = ins.BrTableCount <= 64 ? stackalloc uint[ins.BrTableCount] : new uint[ins.BrTableCount];
                    reader.ReadBrTableTargets(ins, targets);
                    foreach (uint t in targets) AppendLabel(sb, t);
                    AppendLabel(sb, ins.BrTableDefault);
                    break;
                }
            case ImmediateKind.Func:
                sb.Append(' ');
                AppendFunc(sb, ins.Index);
                break;
            case ImmediateKind.CallIndirect:
                if (ins.Index2 != 0) sb.Append(' ').Append(ins.Index2);
                sb.Append(" (type ").Append(ins.Index).Append(')');
                break;
            case ImmediateKind.Local:
                sb.Append(' ');
                if (ins.Index < LocalIds.Length && LocalIds[ins.Index] is { } id) sb.Append(id);
                else sb.Append(ins.Index);
                break;
            case ImmediateKind.MemArg:
                AppendMemArg(sb, ins, info);
                break;
            case ImmediateKind.MemArgLane:
                AppendMemArg(sb, ins, info);
                sb.Append(' ').Append(ins.Lane);
                break;
            case ImmediateKind.I32:
                sb.Append(' ').Append(ValueText.I32(ins.I32));
                break;
            case ImmediateKind.I64:
                sb.Append(' ').Append(ValueText.I64(ins.I64));
                break;
            case ImmediateKind.F32:
                sb.Append(' ').Append(options.FloatStyle == WatFloatStyle.Hex ? FloatText.HexF32(ins.F32Bits) : FloatText.DecimalF32(ins.F32Bits));
                break;
            case ImmediateKind.F64:
                sb.Append(' ').Append(options.FloatStyle == WatFloatStyle.Hex ? FloatText.HexF64(ins.F64Bits) : FloatText.DecimalF64(ins.F64Bits));
                break;
            case ImmediateKind.SelectTypes:
                sb.Append(" (result");
                // Wasm 2.0 allows exactly one type; the reader keeps only the first.
                if (ins.SelectTypeCount > 0) sb.Append(' ').Append(ins.SelectType.ToText());
                sb.Append(')');
                break;
            case ImmediateKind.RefNull:
                sb.Append(' ').Append((ValType)(byte)ins.Index switch { ValType.ExternRef => "extern", ValType.ExnRef => "exn", _ => "func" });
                break;
            case ImmediateKind.MemoryInit:
                // Text order is memory then data; the memory may be left out when it is 0.
                if (ins.Index2 != 0) sb.Append(' ').Append(ins.Index2);
                sb.Append(' ').Append(ins.Index);
                break;
            case ImmediateKind.TableInit:
                // Text order is table then element; the table may be left out when it is 0.
                if (ins.Index2 != 0) sb.Append(' ').Append(ins.Index2);
                sb.Append(' ').Append(ins.Index);
                break;
            case ImmediateKind.TableCopy:
                if (ins.Index != 0 || ins.Index2 != 0) sb.Append(' ').Append(ins.Index).Append(' ').Append(ins.Index2);
                break;
            case ImmediateKind.V128:
                sb.Append(' ').Append(ValueText.V128(ins.V128Low, ins.V128High));
                break;
            case ImmediateKind.Shuffle:
                for (int i = 0; i < 16; i++)
                {
                    ulong half = i < 8 ? ins.V128Low : ins.V128High;
                    sb.Append(' ').Append((byte)(half >> (8 * (i & 7))));
                }
                break;
            case ImmediateKind.Lane:
                sb.Append(' ').Append(ins.Lane);
                break;
            case ImmediateKind.Tag:
                sb.Append(' ').Append(ins.Index);
                break;
            case ImmediateKind.TryTable:
                {
                    AppendBlockType(sb, ins.BlockType);
                    Span<CatchClause> clauses = ins.CatchCount <= 16 ? stackalloc CatchClause[ins.CatchCount] : new CatchClause[ins.CatchCount];
                    reader.ReadCatchClauses(ins, clauses);
                    // Catch labels count from outside the try_table, whose own label is not open yet.
                    foreach (var c in clauses)
                    {
                        sb.Append(" (").Append(CatchClause.Keyword(c.Kind));
                        if (c.HasTag) sb.Append(' ').Append(c.Tag);
                        AppendLabel(sb, c.Label);
                        sb.Append(')');
                    }
                    break;
                }
            default:
                throw new InvalidOperationException($"unhandled immediate kind {info.Immediate}");
        }
    }

    private void AppendLabel(StringBuilder sb, uint depth)
    {
        sb.Append(' ').Append(depth);
        if (Nesting >= 0 && options.LabelComments && depth <= (uint)Nesting) sb.Append(" (;@").Append(Nesting - (int)depth).Append(";)");
    }

    public void AppendFunc(StringBuilder sb, uint index)
    {
        if (names.Func(index) is { } id) sb.Append(id);
        else sb.Append(index);
    }

    /// <summary><c>(param …) (result …)</c> of a type, unnamed; nothing for an empty side.</summary>
    public static void AppendSignature(StringBuilder sb, FuncType type)
    {
        AppendTypeList(sb, " (param", type.Params);
        AppendTypeList(sb, " (result", type.Results);
    }

    public static void AppendTypeList(StringBuilder sb, string open, ValType[] types)
    {
        if (types.Length == 0) return;
        sb.Append(open);
        foreach (var t in types) sb.Append(' ').Append(t.ToText());
        sb.Append(')');
    }

    private void AppendBlockType(StringBuilder sb, BlockType bt)
    {
        if (bt.IsEmpty) return;
        if (bt.IsValType)
        {
            sb.Append(" (result ").Append(bt.ValType.ToText()).Append(')');
            return;
        }
        // Keep the index (the binary form) and spell the signature out for the reader, as wasm2wat does.
        sb.Append(" (type ").Append(bt.TypeIndex).Append(')');
        if (bt.TypeIndex < (uint)module.Types.Count) AppendSignature(sb, module.Types[(int)bt.TypeIndex]);
    }

    private static void AppendMemArg(StringBuilder sb, in Instruction ins, OpcodeInfo info)
    {
        if (ins.MemoryIndex != 0) sb.Append(' ').Append(ins.MemoryIndex);
        if (ins.MemOffset != 0) sb.Append(" offset=").Append(ins.MemOffset);
        if (ins.AlignLog2 != info.NaturalAlignment)
        {
            sb.Append(" align=").Append((1UL << (int)ins.AlignLog2).ToString(CultureInfo.InvariantCulture));
        }
    }
}
