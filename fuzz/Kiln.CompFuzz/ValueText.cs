using System.Globalization;
using System.Text;
using Kiln.Reference;

namespace Kiln.CompFuzz;

/// <summary>
/// One text form for Kiln's <see cref="Val"/> and Wasmtime's <see cref="ComponentValue"/>, so results compare as
/// strings: integers in decimal, floats as exact bits except that every NaN prints as <c>nan</c> (the canonical
/// ABI does not fix a NaN's payload across a lift or lower), strings with escapes, flags as the sorted set.
/// </summary>
public static class ValueText
{
    public static string Render(Val v)
    {
        var sb = new StringBuilder();
        Write(sb, v);
        return sb.ToString();
    }

    public static string Render(ComponentValue v)
    {
        var sb = new StringBuilder();
        Write(sb, v);
        return sb.ToString();
    }

    private static string F32(uint bits) => float.IsNaN(BitConverter.UInt32BitsToSingle(bits)) ? "nan" : $"f32:{bits:x8}";
    private static string F64(ulong bits) => double.IsNaN(BitConverter.UInt64BitsToDouble(bits)) ? "nan" : $"f64:{bits:x16}";

    private static void Str(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            if (c is >= ' ' and < (char)0x7F && c != '"' && c != '\\') sb.Append(c);
            else sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
        sb.Append('"');
    }

    private static void Write(StringBuilder sb, Val v)
    {
        var ci = CultureInfo.InvariantCulture;
        switch (v.Kind)
        {
            case ValKind.Bool: sb.Append(v.Bits != 0 ? "true" : "false"); break;
            case ValKind.S8 or ValKind.S16 or ValKind.S32 or ValKind.S64: sb.Append(((long)v.Bits).ToString(ci)); break;
            case ValKind.U8 or ValKind.U16 or ValKind.U32 or ValKind.U64: sb.Append(v.Bits.ToString(ci)); break;
            case ValKind.F32: sb.Append(F32((uint)v.Bits)); break;
            case ValKind.F64: sb.Append(F64(v.Bits)); break;
            case ValKind.Char: sb.Append("'U+").Append(v.Bits.ToString("X", ci)).Append('\''); break;
            case ValKind.String: Str(sb, v.Text!); break;
            case ValKind.List or ValKind.Tuple or ValKind.Record:
                sb.Append(v.Kind == ValKind.List ? '[' : '(');
                for (int i = 0; i < v.Items.Count; i++) { if (i > 0) sb.Append(", "); Write(sb, v.Items[i]); }
                sb.Append(v.Kind == ValKind.List ? ']' : ')');
                break;
            case ValKind.Variant: sb.Append(v.Text); Payload(sb, v.Payload); break;
            case ValKind.Enum: sb.Append(v.Text); break;
            case ValKind.Option: if (v.IsOk) { sb.Append("some"); Payload(sb, v.Payload); } else sb.Append("none"); break;
            case ValKind.Result: sb.Append(v.IsOk ? "ok" : "err"); Payload(sb, v.Payload); break;
            case ValKind.Flags: sb.Append('{').AppendJoin(",", v.Names.Order(StringComparer.Ordinal)).Append('}'); break;
            default: sb.Append('?').Append(v.Kind); break;
        }
    }

    private static void Payload(StringBuilder sb, Val? p)
    {
        if (p is null) return;
        sb.Append('(');
        Write(sb, p);
        sb.Append(')');
    }

    private static void Write(StringBuilder sb, ComponentValue v)
    {
        var ci = CultureInfo.InvariantCulture;
        switch (v)
        {
            case ComponentValue.Bool b: sb.Append(b.Value ? "true" : "false"); break;
            case ComponentValue.S8 x: sb.Append(x.Value.ToString(ci)); break;
            case ComponentValue.S16 x: sb.Append(x.Value.ToString(ci)); break;
            case ComponentValue.S32 x: sb.Append(x.Value.ToString(ci)); break;
            case ComponentValue.S64 x: sb.Append(x.Value.ToString(ci)); break;
            case ComponentValue.U8 x: sb.Append(x.Value.ToString(ci)); break;
            case ComponentValue.U16 x: sb.Append(x.Value.ToString(ci)); break;
            case ComponentValue.U32 x: sb.Append(x.Value.ToString(ci)); break;
            case ComponentValue.U64 x: sb.Append(x.Value.ToString(ci)); break;
            case ComponentValue.F32 x: sb.Append(F32(BitConverter.SingleToUInt32Bits(x.Value))); break;
            case ComponentValue.F64 x: sb.Append(F64(BitConverter.DoubleToUInt64Bits(x.Value))); break;
            case ComponentValue.Char x: sb.Append("'U+").Append(x.Value.Value.ToString("X", ci)).Append('\''); break;
            case ComponentValue.String x: Str(sb, x.Value); break;
            case ComponentValue.List x: All(sb, '[', x.Items, ']'); break;
            case ComponentValue.Tuple x: All(sb, '(', x.Items, ')'); break;
            case ComponentValue.Record x: All(sb, '(', [.. x.Fields.Select(f => f.Value)], ')'); break;
            case ComponentValue.Variant x: sb.Append(x.Case); Payload(sb, x.Payload); break;
            case ComponentValue.Enum x: sb.Append(x.Case); break;
            case ComponentValue.Option x: if (x.Value is null) sb.Append("none"); else { sb.Append("some"); Payload(sb, x.Value); } break;
            case ComponentValue.Result x: sb.Append(x.IsOk ? "ok" : "err"); Payload(sb, x.Payload); break;
            case ComponentValue.Flags x: sb.Append('{').AppendJoin(",", x.Names.Order(StringComparer.Ordinal)).Append('}'); break;
            default: sb.Append('?').Append(v.Kind); break;
        }
    }

    private static void All(StringBuilder sb, char open, IReadOnlyList<ComponentValue> items, char close)
    {
        sb.Append(open);
        for (int i = 0; i < items.Count; i++) { if (i > 0) sb.Append(", "); Write(sb, items[i]); }
        sb.Append(close);
    }

    private static void Payload(StringBuilder sb, ComponentValue? p)
    {
        if (p is null) return;
        sb.Append('(');
        Write(sb, p);
        sb.Append(')');
    }

    /// <summary>The same value for Wasmtime's dynamic API.</summary>
    public static ComponentValue ToWasmtime(Val v) => v.Kind switch
    {
        ValKind.Bool => new ComponentValue.Bool(v.Bits != 0),
        ValKind.S8 => new ComponentValue.S8((sbyte)v.Bits),
        ValKind.U8 => new ComponentValue.U8((byte)v.Bits),
        ValKind.S16 => new ComponentValue.S16((short)v.Bits),
        ValKind.U16 => new ComponentValue.U16((ushort)v.Bits),
        ValKind.S32 => new ComponentValue.S32((int)v.Bits),
        ValKind.U32 => new ComponentValue.U32((uint)v.Bits),
        ValKind.S64 => new ComponentValue.S64((long)v.Bits),
        ValKind.U64 => new ComponentValue.U64(v.Bits),
        ValKind.F32 => new ComponentValue.F32(BitConverter.UInt32BitsToSingle((uint)v.Bits)),
        ValKind.F64 => new ComponentValue.F64(BitConverter.UInt64BitsToDouble(v.Bits)),
        ValKind.Char => new ComponentValue.Char(new Rune((int)v.Bits)),
        ValKind.String => new ComponentValue.String(v.Text!),
        ValKind.List => new ComponentValue.List([.. v.Items.Select(ToWasmtime)]),
        ValKind.Tuple => new ComponentValue.Tuple([.. v.Items.Select(ToWasmtime)]),
        ValKind.Record => new ComponentValue.Record([.. v.Items.Select((x, i) => KeyValuePair.Create(v.Names[i], ToWasmtime(x)))]),
        ValKind.Variant => new ComponentValue.Variant(v.Text!, v.Payload is null ? null : ToWasmtime(v.Payload)),
        ValKind.Enum => new ComponentValue.Enum(v.Text!),
        ValKind.Option => new ComponentValue.Option(v.IsOk ? ToWasmtime(v.Payload!) : null),
        ValKind.Result => new ComponentValue.Result(v.IsOk, v.Payload is null ? null : ToWasmtime(v.Payload)),
        ValKind.Flags => new ComponentValue.Flags([.. v.Names]),
        _ => throw new InvalidOperationException($"no Wasmtime value for {v.Kind}"),
    };
}
