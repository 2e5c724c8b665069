using System.Globalization;
using System.Text;

namespace Kiln.Runtime.Components.Wave;

/// <summary>Writes a <see cref="Val"/> in WAVE as wasm-wave's writer does (what <c>wasmtime run --invoke</c> prints):
/// option fields that are none are left out of records (<c>{:}</c> when nothing is left), a variant or enum case that
/// is a keyword gets a '%', NaN is <c>nan</c>, characters that need it are escaped.</summary>
internal static class WaveWriter
{
    public static string Write(Val v)
    {
        var sb = new StringBuilder();
        Write(sb, v);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, Val v)
    {
        var ci = CultureInfo.InvariantCulture;
        switch (v.Kind)
        {
            case ValKind.Bool: sb.Append(v.Bits != 0 ? "true" : "false"); break;
            case ValKind.S8 or ValKind.S16 or ValKind.S32 or ValKind.S64: sb.Append(((long)v.Bits).ToString(ci)); break;
            case ValKind.U8 or ValKind.U16 or ValKind.U32 or ValKind.U64: sb.Append(v.Bits.ToString(ci)); break;
            case ValKind.F32: Float(sb, BitConverter.UInt32BitsToSingle((uint)v.Bits)); break;
            case ValKind.F64: Float(sb, BitConverter.UInt64BitsToDouble(v.Bits)); break;
            case ValKind.Char: sb.Append('\''); Char(sb, (int)v.Bits); sb.Append('\''); break;
            case ValKind.String:
                sb.Append('"');
                for (int i = 0; i < v.Text!.Length; i++)
                {
                    int c = char.IsSurrogatePair(v.Text, i) ? char.ConvertToUtf32(v.Text[i], v.Text[++i]) : v.Text[i];
                    Char(sb, c);
                }
                sb.Append('"');
                break;
            case ValKind.List or ValKind.Tuple:
                sb.Append(v.Kind == ValKind.List ? '[' : '(');
                for (int i = 0; i < v.Items.Count; i++) { if (i > 0) sb.Append(", "); Write(sb, v.Items[i]); }
                sb.Append(v.Kind == ValKind.List ? ']' : ')');
                break;
            case ValKind.Map:
                // wasm-wave has no map syntax yet: the ABI's form, a list of (key, value) tuples.
                sb.Append('[');
                for (int i = 0; i < v.Entries.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    sb.Append('(');
                    Write(sb, v.Entries[i].Key);
                    sb.Append(", ");
                    Write(sb, v.Entries[i].Value);
                    sb.Append(')');
                }
                sb.Append(']');
                break;
            case ValKind.Record:
            {
                sb.Append('{');
                bool first = true;
                for (int i = 0; i < v.Items.Count; i++)
                {
                    if (v.Items[i] is { Kind: ValKind.Option, IsOk: false }) continue;
                    if (!first) sb.Append(", ");
                    first = false;
                    sb.Append(v.Names[i]).Append(": ");
                    Write(sb, v.Items[i]);
                }
                if (first) sb.Append(':');
                sb.Append('}');
                break;
            }
            case ValKind.Flags: sb.Append('{').Append(string.Join(", ", v.Names)).Append('}'); break;
            case ValKind.Enum: Label(sb, v.Text!); break;
            case ValKind.Variant or ValKind.Option or ValKind.Result:
                if (v.Kind == ValKind.Variant) Label(sb, v.Text!);
                else sb.Append(v.Kind == ValKind.Option ? (v.IsOk ? "some" : "none") : (v.IsOk ? "ok" : "err"));
                if (v.Payload is not null) { sb.Append('('); Write(sb, v.Payload); sb.Append(')'); }
                break;
            default: throw new WaveException($"{v.Kind.ToString().ToLowerInvariant()} handles have no WAVE form");
        }
    }

    private static void Label(StringBuilder sb, string label)
    {
        if (WaveParser.IsKeyword(label)) sb.Append('%');
        sb.Append(label);
    }

    private static void Float(StringBuilder sb, double d)
    {
        if (double.IsNaN(d)) sb.Append("nan");
        else if (double.IsPositiveInfinity(d)) sb.Append("inf");
        else if (double.IsNegativeInfinity(d)) sb.Append("-inf");
        else sb.Append(d.ToString("R", CultureInfo.InvariantCulture));
    }

    private static void Float(StringBuilder sb, float f)
    {
        if (float.IsNaN(f) || float.IsInfinity(f)) Float(sb, (double)f);
        else sb.Append(f.ToString("R", CultureInfo.InvariantCulture));
    }

    private static void Char(StringBuilder sb, int c)
    {
        switch (c)
        {
            case '\\': sb.Append("\\\\"); break;
            case '"': sb.Append("\\\""); break;
            case '\'': sb.Append("\\'"); break;
            case '\t': sb.Append("\\t"); break;
            case '\n': sb.Append("\\n"); break;
            case '\r': sb.Append("\\r"); break;
            default:
                if (c < 0x20 || c is >= 0x7F and < 0xA0) sb.Append("\\u{").Append(c.ToString("x", CultureInfo.InvariantCulture)).Append('}');
                else sb.Append(char.ConvertFromUtf32(c));
                break;
        }
    }
}
