using System.Text;

namespace Kiln.Component.Text.Wast;

/// <summary>The kinds of component values in Wasmtime's WAST syntax (<c>u32.const</c>, <c>str.const</c>, <c>list.const</c>, …).</summary>
public enum ComponentWastValueKind : byte
{
    Bool, U8, S8, U16, S16, U32, S32, U64, S64, F32, F64, Char, String,
    List, Record, Tuple, Variant, Enum, Option, Result, Flags,
}

/// <summary>
/// A component value written in a script. Scalars keep their bits in <see cref="Bits"/> (integers sign- or
/// zero-extended, floats as IEEE bits, <c>char</c> as its scalar value, <c>bool</c> as 0/1); strings, enum
/// and variant cases use <see cref="Text"/>; compound values hold <see cref="Items"/> (record fields with their
/// labels in <see cref="Labels"/>, flags as <see cref="Labels"/>). An option is <c>some</c> when it has one item;
/// a result is <c>ok</c> when <see cref="IsOk"/>, with its payload (if any) as the one item.
/// </summary>
public sealed record ComponentWastValue(ComponentWastValueKind Kind)
{
    public ulong Bits { get; init; }
    public string? Text { get; init; }
    public IReadOnlyList<ComponentWastValue> Items { get; init; } = [];
    public IReadOnlyList<string> Labels { get; init; } = [];
    public bool IsOk { get; init; }

    /// <summary>The value in the script's syntax, for messages.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Write(sb);
        return sb.ToString();
    }

    private void Write(StringBuilder sb)
    {
        switch (Kind)
        {
            case ComponentWastValueKind.Bool: sb.Append("(bool.const ").Append(Bits != 0 ? "true" : "false").Append(')'); return;
            case ComponentWastValueKind.S8 or ComponentWastValueKind.S16 or ComponentWastValueKind.S32 or ComponentWastValueKind.S64:
                sb.Append('(').Append(Name).Append(".const ").Append((long)Bits).Append(')'); return;
            case ComponentWastValueKind.U8 or ComponentWastValueKind.U16 or ComponentWastValueKind.U32 or ComponentWastValueKind.U64:
                sb.Append('(').Append(Name).Append(".const ").Append(Bits).Append(')'); return;
            case ComponentWastValueKind.F32: sb.Append("(f32.const ").Append(BitConverter.Int32BitsToSingle((int)Bits)).Append(')'); return;
            case ComponentWastValueKind.F64: sb.Append("(f64.const ").Append(BitConverter.Int64BitsToDouble((long)Bits)).Append(')'); return;
            case ComponentWastValueKind.Char: sb.Append("(char.const U+").Append(Bits.ToString("X4")).Append(')'); return;
            case ComponentWastValueKind.String: sb.Append("(str.const \"").Append(Text).Append("\")"); return;
            case ComponentWastValueKind.Enum: sb.Append("(enum.const \"").Append(Text).Append("\")"); return;
            case ComponentWastValueKind.Flags: sb.Append("(flags.const"); foreach (var l in Labels) sb.Append(" \"").Append(l).Append('"'); sb.Append(')'); return;
            case ComponentWastValueKind.Option when Items.Count == 0: sb.Append("(option.none)"); return;
            case ComponentWastValueKind.Option: sb.Append("(option.some "); Items[0].Write(sb); sb.Append(')'); return;
            case ComponentWastValueKind.Result:
                sb.Append(IsOk ? "(result.ok" : "(result.err");
                foreach (var i in Items) { sb.Append(' '); i.Write(sb); }
                sb.Append(')');
                return;
            case ComponentWastValueKind.Variant:
                sb.Append("(variant.const \"").Append(Text).Append('"');
                foreach (var i in Items) { sb.Append(' '); i.Write(sb); }
                sb.Append(')');
                return;
            case ComponentWastValueKind.Record:
                sb.Append("(record.const");
                for (int k = 0; k < Items.Count; k++) { sb.Append(" (field \"").Append(Labels[k]).Append("\" "); Items[k].Write(sb); sb.Append(')'); }
                sb.Append(')');
                return;
            default:
                sb.Append('(').Append(Name).Append(".const");
                foreach (var i in Items) { sb.Append(' '); i.Write(sb); }
                sb.Append(')');
                return;
        }
    }

    private string Name => Kind switch
    {
        ComponentWastValueKind.List => "list",
        ComponentWastValueKind.Tuple => "tuple",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
