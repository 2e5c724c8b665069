using System.Globalization;
using System.Text;
using Kiln.Component.Model;
using Kiln.Component.Validation.Types;
using Kiln.Runtime.Components.Abi;

namespace Kiln.Runtime.Components.Wave;

/// <summary>
/// Parses WAVE (the Web Assembly Value Encoding that <c>wasmtime run --invoke</c> takes; wasm-tools' crates/wasm-wave
/// README) directed by the expected component type: <c>true</c>, <c>-7</c>, <c>1.5</c>, <c>nan</c>, <c>'x'</c>,
/// <c>"a\tb"</c>, <c>[1, 2]</c>, <c>(1, "a")</c>, <c>{a: 1}</c> (option fields may be left out; <c>{:}</c> is empty),
/// <c>case</c> / <c>case(payload)</c> with <c>%</c> before a case that is a keyword, <c>some(x)</c> / <c>none</c> /
/// a bare x for some, <c>ok</c> / <c>err(x)</c> / a bare x for ok, flags <c>{a, b}</c>. <c>//</c> comments are whitespace.
/// </summary>
internal sealed class WaveParser
{
    private static readonly string[] Keywords = ["true", "false", "inf", "nan", "some", "none", "ok", "err"];
    private readonly string _s;
    private readonly TypeArena _types;
    private int _at;

    private WaveParser(string s, TypeArena types) => (_s, _types) = (s, types);

    public static Val Parse(string text, ResolvedValType type, TypeArena types)
    {
        var p = new WaveParser(text, types);
        var v = p.Value(type);
        p.Ws();
        if (p._at < p._s.Length) throw p.Error("unexpected text after the value");
        return v;
    }

    public static bool IsKeyword(string label) => Array.IndexOf(Keywords, label) >= 0;

    private WaveException Error(string why) => new($"column {_at + 1}: {why}");

    private void Ws()
    {
        while (_at < _s.Length)
        {
            if (char.IsWhiteSpace(_s[_at])) _at++;
            else if (_at + 1 < _s.Length && _s[_at] == '/' && _s[_at + 1] == '/') while (_at < _s.Length && _s[_at] != '\n') _at++;
            else break;
        }
    }

    private bool Eat(char c)
    {
        Ws();
        if (_at < _s.Length && _s[_at] == c) { _at++; return true; }
        return false;
    }

    private void Expect(char c)
    {
        if (!Eat(c)) throw Error($"expected '{c}'");
    }

    private bool Peek(char c)
    {
        Ws();
        return _at < _s.Length && _s[_at] == c;
    }

    /// <summary>A label (kebab-case words); with <paramref name="percent"/> set when it was escaped with '%'.</summary>
    private string Label(out bool percent)
    {
        Ws();
        percent = _at < _s.Length && _s[_at] == '%';
        if (percent) _at++;
        int start = _at;
        while (_at < _s.Length && (char.IsAsciiLetterOrDigit(_s[_at]) || _s[_at] == '-')) _at++;
        if (_at == start) throw Error("expected a label");
        return _s[start.._at];
    }

    /// <summary>A case label: a keyword must be written with '%'.</summary>
    private string CaseLabel()
    {
        int start = _at;
        string l = Label(out bool percent);
        if (!percent && IsKeyword(l)) { _at = start; throw Error($"'{l}' is a keyword: write %{l} for a case of that name"); }
        return l;
    }

    private Val Value(ResolvedValType t)
    {
        Ws();
        var (kind, prim, d) = CanonicalAbi.Shape(_types, t);
        switch (kind)
        {
            case DefinedKind.Primitive: return Primitive(prim);
            case DefinedKind.List or DefinedKind.FixedList:
            {
                Expect('[');
                var items = new List<Val>();
                while (!Eat(']'))
                {
                    items.Add(Value(d!.Types[0]!.Value));
                    if (!Eat(',')) { Expect(']'); break; }
                }
                if (kind == DefinedKind.FixedList && items.Count != d!.Length)
                    throw Error($"the list has {items.Count} elements, its type {d.Length}");
                return Val.List(items);
            }
            case DefinedKind.Map:
            {
                // wasm-wave has no map syntax yet: a map is written as its ABI form, a list of (key, value) tuples.
                Expect('[');
                var entries = new List<KeyValuePair<Val, Val>>();
                while (!Eat(']'))
                {
                    Expect('(');
                    var key = Value(d!.Types[0]!.Value);
                    Expect(',');
                    var value = Value(d.Types[1]!.Value);
                    Eat(',');
                    Expect(')');
                    entries.Add(KeyValuePair.Create(key, value));
                    if (!Eat(',')) { Expect(']'); break; }
                }
                return Val.Map(entries);
            }
            case DefinedKind.Tuple:
            {
                Expect('(');
                var items = new Val[d!.Types.Length];
                for (int i = 0; i < items.Length; i++)
                {
                    if (i > 0) Expect(',');
                    items[i] = Value(d.Types[i]!.Value);
                }
                Eat(',');
                Expect(')');
                return Val.Tuple(items);
            }
            case DefinedKind.Record: return Record(d!);
            case DefinedKind.Flags:
            {
                Expect('{');
                var set = new HashSet<string>(StringComparer.Ordinal);
                while (!Eat('}'))
                {
                    string l = Label(out _);
                    if (Array.IndexOf(d!.Names, l) < 0) throw Error($"'{l}' is not a flag of {{{string.Join(", ", d.Names)}}}");
                    if (!set.Add(l)) throw Error($"flag '{l}' given twice");
                    if (!Eat(',')) { Expect('}'); break; }
                }
                var ordered = new List<string>();
                foreach (var n in d!.Names) if (set.Contains(n)) ordered.Add(n);
                return Val.Flags([.. ordered]);
            }
            case DefinedKind.Enum:
            {
                string l = CaseLabel();
                if (Array.IndexOf(d!.Names, l) < 0) throw Error($"'{l}' is not a case of enum {{{string.Join(", ", d.Names)}}}");
                return Val.Enum(l);
            }
            case DefinedKind.Variant:
            {
                string l = CaseLabel();
                int i = Array.IndexOf(d!.Names, l);
                if (i < 0) throw Error($"'{l}' is not a case of variant {{{string.Join(", ", d.Names)}}}");
                return Val.Variant(l, Payload(d.Types[i], l));
            }
            case DefinedKind.Option:
            {
                int start = _at;
                if (Word("none")) return Val.None();
                if (Word("some")) return Val.Some(Payload(d!.Types[0], "some")!);
                _at = start;
                return Val.Some(Value(d!.Types[0]!.Value));
            }
            case DefinedKind.Result:
            {
                int start = _at;
                if (Word("ok")) return Val.Ok(Payload(d!.Types[0], "ok"));
                if (Word("err")) return Val.Err(Payload(d!.Types[1], "err"));
                _at = start;
                if (d!.Types[0] is not { } ok) throw Error("expected ok or err");
                return Val.Ok(Value(ok));
            }
            default:
                throw Error($"values of type {d!.Describe()} cannot be written in WAVE");
        }
    }

    /// <summary>The keyword <paramref name="w"/> as a whole word.</summary>
    private bool Word(string w)
    {
        Ws();
        if (string.CompareOrdinal(_s, _at, w, 0, w.Length) != 0) return false;
        int end = _at + w.Length;
        if (end < _s.Length && (char.IsAsciiLetterOrDigit(_s[end]) || _s[end] == '-')) return false;
        _at = end;
        return true;
    }

    private Val? Payload(ResolvedValType? t, string label)
    {
        if (t is not { } pt)
        {
            if (Peek('(')) throw Error($"case '{label}' has no payload");
            return null;
        }
        if (!Eat('(')) throw Error($"case '{label}' needs a payload: {label}(...)");
        var v = Value(pt);
        Expect(')');
        return v;
    }

    private Val Record(DefinedTypeData d)
    {
        Expect('{');
        var values = new Val?[d.Names.Length];
        if (Eat(':')) Expect('}');
        else
        {
            while (!Eat('}'))
            {
                string l = Label(out _);
                int i = Array.IndexOf(d.Names, l);
                if (i < 0) throw Error($"'{l}' is not a field of the record {{{string.Join(", ", d.Names)}}}");
                if (values[i] is not null) throw Error($"field '{l}' given twice");
                Expect(':');
                values[i] = Value(d.Types[i]!.Value);
                if (!Eat(',')) { Expect('}'); break; }
            }
        }
        var fields = new (string, Val)[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            // An option field left out is none.
            values[i] ??= CanonicalAbi.Shape(_types, d.Types[i]!.Value).Kind == DefinedKind.Option ? Val.None()
                : throw Error($"field '{d.Names[i]}' is missing");
            fields[i] = (d.Names[i], values[i]!);
        }
        return Val.Record(fields);
    }

    private Val Primitive(PrimValType p)
    {
        switch (p)
        {
            case PrimValType.Bool:
                if (Word("true")) return Val.Bool(true);
                if (Word("false")) return Val.Bool(false);
                throw Error("expected true or false");
            case PrimValType.Char:
            {
                if (!Eat('\'')) throw Error("expected a char: 'x'");
                int c = Char('\'');
                if (!(_at < _s.Length && _s[_at] == '\'')) throw Error("expected ' after one char");
                _at++;
                return Val.Char(c);
            }
            case PrimValType.String:
            {
                if (!Eat('"')) throw Error("expected a string: \"...\"");
                var sb = new StringBuilder();
                while (true)
                {
                    if (_at >= _s.Length) throw Error("unterminated string");
                    if (_s[_at] == '"') { _at++; break; }
                    sb.Append(char.ConvertFromUtf32(Char('"')));
                }
                return Val.String(sb.ToString());
            }
            case PrimValType.F32 or PrimValType.F64:
            {
                double v = Float();
                return p == PrimValType.F32 ? Val.F32((float)v) : Val.F64(v);
            }
            default:
                return Integer(p);
        }
    }

    /// <summary>One character of a char or string literal, escapes resolved; a surrogate pair is one scalar.</summary>
    private int Char(char quote)
    {
        if (_at >= _s.Length) throw Error("unterminated literal");
        char c = _s[_at++];
        if (c == quote) throw Error("empty char");
        if (c != '\\')
        {
            if (char.IsHighSurrogate(c) && _at < _s.Length && char.IsLowSurrogate(_s[_at])) return char.ConvertToUtf32(c, _s[_at++]);
            if (char.IsSurrogate(c)) throw Error("unpaired surrogate");
            return c;
        }
        if (_at >= _s.Length) throw Error("unterminated escape");
        char e = _s[_at++];
        switch (e)
        {
            case '\\': return '\\';
            case '\'': return '\'';
            case '"': return '"';
            case 't': return '\t';
            case 'n': return '\n';
            case 'r': return '\r';
            case 'u':
            {
                if (_at >= _s.Length || _s[_at] != '{') throw Error("expected \\u{HEX}");
                int close = _s.IndexOf('}', _at);
                if (close < 0 || !int.TryParse(_s.AsSpan(_at + 1, close - _at - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int v)
                    || v > 0x10FFFF || v is >= 0xD800 and <= 0xDFFF)
                    throw Error("\\u{...} must hold a Unicode scalar value in hex");
                _at = close + 1;
                return v;
            }
            default: throw Error($"unknown escape \\{e}");
        }
    }

    private string Number()
    {
        Ws();
        int start = _at;
        if (_at < _s.Length && _s[_at] == '-') _at++;
        while (_at < _s.Length && (char.IsAsciiLetterOrDigit(_s[_at]) || _s[_at] is '.' or '+' or '-')) _at++;
        if (_at == start) throw Error("expected a number");
        return _s[start.._at];
    }

    private double Float()
    {
        int start = _at;
        string n = Number();
        switch (n)
        {
            case "nan": return double.NaN;
            case "inf": return double.PositiveInfinity;
            case "-inf": return double.NegativeInfinity;
        }
        if (!double.TryParse(n, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double v)
            || double.IsInfinity(v))
        {
            _at = start;
            throw Error($"'{n}' is not a number");
        }
        return v;
    }

    private Val Integer(PrimValType p)
    {
        int start = _at;
        string n = Number();
        bool ok;
        Val? v = null;
        var ci = CultureInfo.InvariantCulture;
        const NumberStyles style = NumberStyles.AllowLeadingSign;
        switch (p)
        {
            case PrimValType.S8: ok = sbyte.TryParse(n, style, ci, out var s8); if (ok) v = Val.S8(s8); break;
            case PrimValType.U8: ok = byte.TryParse(n, NumberStyles.None, ci, out var u8); if (ok) v = Val.U8(u8); break;
            case PrimValType.S16: ok = short.TryParse(n, style, ci, out var s16); if (ok) v = Val.S16(s16); break;
            case PrimValType.U16: ok = ushort.TryParse(n, NumberStyles.None, ci, out var u16); if (ok) v = Val.U16(u16); break;
            case PrimValType.S32: ok = int.TryParse(n, style, ci, out var s32); if (ok) v = Val.S32(s32); break;
            case PrimValType.U32: ok = uint.TryParse(n, NumberStyles.None, ci, out var u32); if (ok) v = Val.U32(u32); break;
            case PrimValType.S64: ok = long.TryParse(n, style, ci, out var s64); if (ok) v = Val.S64(s64); break;
            case PrimValType.U64: ok = ulong.TryParse(n, NumberStyles.None, ci, out var u64); if (ok) v = Val.U64(u64); break;
            default: throw Error($"values of type {p.ToText()} cannot be written in WAVE");
        }
        if (!ok) { _at = start; throw Error($"'{n}' is not a {p.ToText()}"); }
        return v!;
    }
}
