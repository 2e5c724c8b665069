using System.Text;
using Kiln.Component.Model;
using Kiln.Wasm.Text;
using Kiln.Wasm.Text.Lexing;
using Kiln.Wasm.Text.Parsing;
using Kiln.Wasm.Text.Wast;

namespace Kiln.Component.Text.Wast;

/// <summary>
/// Parses the component directives a script captured (<see cref="WastComponentCommand"/>: Kiln.Wasm's script
/// parser keeps them unparsed because it knows no components) into <see cref="ComponentWastDirective"/>s.
/// Component values follow Wasmtime's WAST syntax (the <c>wast</c> crate's <c>WastVal</c>).
/// </summary>
public sealed class ComponentWastParser : TokenCursor
{
    private ComponentWastParser(Token[] tokens, int position) : base(tokens, position) { }

    /// <summary>Parses one captured directive. Throws <see cref="WatParseException"/> when it is not well formed
    /// (a text component inside <c>assert_malformed</c> that fails to parse is kept with its error instead).</summary>
    public static ComponentWastDirective Parse(WastComponentCommand command)
    {
        var p = new ComponentWastParser(command.Tokens, command.Start);
        var d = p.ParseDirective(command);
        if (p.Position != command.End) throw p.Unexpected(p.Peek());
        return d;
    }

    private ComponentWastDirective ParseDirective(WastComponentCommand command)
    {
        var open = Peek();
        string kw = command.Keyword;
        int line = open.Line, col = open.Column;
        switch (kw)
        {
            case "component":
                if (Peek(2).IsKeyword("instance"))
                {
                    ExpectField("component");
                    ExpectKeyword("instance");
                    string? instance = TryId();
                    var def = Next();
                    if (def.Kind != TokenKind.Id) throw Unexpected(def);
                    ExpectRParen();
                    return new ComponentWastInstance { Keyword = kw, InstanceName = instance, DefinitionName = def.Text, Line = line, Column = col };
                }
                {
                    bool definition = Peek(2).IsKeyword("definition");
                    var module = ParseComponentModule(malformedExpected: false, command.SourceText);
                    return new ComponentWastDefine { Keyword = kw, Component = module, IsDefinitionOnly = definition, Line = line, Column = col };
                }
            case "assert_malformed":
            case "assert_invalid":
            case "assert_unlinkable":
            case "assert_uninstantiable":
            case "assert_trap" when Peek(2).Kind == TokenKind.LParen && Peek(3).IsKeyword("component"):
                {
                    ExpectField(kw);
                    int start = Position;
                    var module = ParseComponentModule(malformedExpected: kw == "assert_malformed", null);
                    string message = ExpectName();
                    ExpectRParen();
                    return new ComponentWastAssertModule { Keyword = kw, Component = module, Message = message, Line = line, Column = col };
                }
            case "invoke":
            case "get":
                return new ComponentWastActionDirective { Keyword = kw, Action = ParseAction(), Line = line, Column = col };
            case "assert_return":
                {
                    ExpectField(kw);
                    var action = ParseAction();
                    var expected = new List<ComponentWastValue>();
                    while (AtLParen) expected.Add(ParseValue());
                    ExpectRParen();
                    return new ComponentWastActionDirective { Keyword = kw, Action = action, Expected = expected, Line = line, Column = col };
                }
            case "assert_trap":
            case "assert_exhaustion":
                {
                    ExpectField(kw);
                    var action = ParseAction();
                    string message = ExpectName();
                    ExpectRParen();
                    return new ComponentWastActionDirective { Keyword = kw, Action = action, Message = message, Line = line, Column = col };
                }
            case "register":
                {
                    ExpectField(kw);
                    string name = ExpectName();
                    string? instance = TryId();
                    ExpectRParen();
                    return new ComponentWastRegister { Keyword = kw, As = name, InstanceName = instance, Line = line, Column = col };
                }
            default:
                throw Error(open, $"unknown script command {kw}");
        }
    }

    /// <summary><c>(component definition? $id? (binary|quote) "…"*)</c> or a text component.</summary>
    private ComponentWastModule ParseComponentModule(bool malformedExpected, string? sourceText)
    {
        int start = Position;
        var open = Peek();
        ExpectField("component");
        if (AtKeyword("definition")) Next();
        string? name = TryId();
        if (AtKeyword("binary") || AtKeyword("quote"))
        {
            bool binary = Next().Text == "binary";
            var bytes = new List<byte>();
            var quoted = new StringBuilder();
            while (Peek().Kind == TokenKind.String)
            {
                // Binary strings concatenate; quoted ones are joined with spaces (wasm-tools' QuoteWat).
                var b = Next().Bytes!;
                bytes.AddRange(b);
                if (!binary) bytes.Add((byte)' ');
            }
            ExpectRParen();
            return new ComponentWastModule
            {
                Kind = binary ? ComponentWastModuleKind.Binary : ComponentWastModuleKind.Quote,
                Name = name,
                Binary = binary ? bytes.ToArray() : null,
                QuoteBytes = binary ? null : bytes.ToArray(),
                Line = open.Line,
                Column = open.Column,
                SourceText = sourceText,
            };
        }
        int pos = Position;
        try
        {
            var component = ComponentTextParser.ParseComponentBody(Tokens, ref pos, name);
            Position = pos;
            ExpectRParen();
            return new ComponentWastModule { Kind = ComponentWastModuleKind.Text, Name = name, Component = component, Line = open.Line, Column = open.Column, SourceText = sourceText };
        }
        catch (WatParseException e) when (malformedExpected)
        {
            Position = start;
            SkipBalanced();
            return new ComponentWastModule { Kind = ComponentWastModuleKind.Text, Name = name, TextError = e, Line = open.Line, Column = open.Column, SourceText = sourceText };
        }
    }

    private ComponentWastAction ParseAction()
    {
        ExpectLParen();
        var kw = Next();
        bool isGet;
        if (kw.IsKeyword("invoke")) isGet = false;
        else if (kw.IsKeyword("get")) isGet = true;
        else throw Error(kw, $"expected an action (invoke or get), found {kw}");
        string? instance = TryId();
        string name = ExpectName();
        var args = new List<ComponentWastValue>();
        if (!isGet) while (AtLParen) args.Add(ParseValue());
        ExpectRParen();
        return new ComponentWastAction(isGet, instance, name, args);
    }

    private delegate ComponentWastValue ValueParser(ComponentWastParser p, Token at);

    private static readonly Dictionary<string, ValueParser> Values = new(StringComparer.Ordinal)
    {
        ["bool.const"] = static (p, at) => p.ParseBool(),
        ["u8.const"] = static (p, at) => p.ParseInt(ComponentWastValueKind.U8, 8, signed: false),
        ["s8.const"] = static (p, at) => p.ParseInt(ComponentWastValueKind.S8, 8, signed: true),
        ["u16.const"] = static (p, at) => p.ParseInt(ComponentWastValueKind.U16, 16, signed: false),
        ["s16.const"] = static (p, at) => p.ParseInt(ComponentWastValueKind.S16, 16, signed: true),
        ["u32.const"] = static (p, at) => p.ParseInt(ComponentWastValueKind.U32, 32, signed: false),
        ["s32.const"] = static (p, at) => p.ParseInt(ComponentWastValueKind.S32, 32, signed: true),
        ["u64.const"] = static (p, at) => p.ParseInt(ComponentWastValueKind.U64, 64, signed: false),
        ["s64.const"] = static (p, at) => p.ParseInt(ComponentWastValueKind.S64, 64, signed: true),
        ["f32.const"] = static (p, at) => p.ParseFloat(ComponentWastValueKind.F32),
        ["f64.const"] = static (p, at) => p.ParseFloat(ComponentWastValueKind.F64),
        ["char.const"] = static (p, at) => p.ParseChar(),
        ["str.const"] = static (p, at) => new(ComponentWastValueKind.String) { Text = p.ExpectName() },
        ["list.const"] = static (p, at) => new(ComponentWastValueKind.List) { Items = p.ParseValues() },
        ["tuple.const"] = static (p, at) => new(ComponentWastValueKind.Tuple) { Items = p.ParseValues() },
        ["record.const"] = static (p, at) => p.ParseRecord(),
        ["variant.const"] = static (p, at) => new(ComponentWastValueKind.Variant) { Text = p.ExpectName(), Items = p.ParseValues() },
        ["enum.const"] = static (p, at) => new(ComponentWastValueKind.Enum) { Text = p.ExpectName() },
        ["option.none"] = static (p, at) => new(ComponentWastValueKind.Option),
        ["option.some"] = static (p, at) => new(ComponentWastValueKind.Option) { Items = [p.ParseValue()] },
        ["result.ok"] = static (p, at) => new(ComponentWastValueKind.Result) { IsOk = true, Items = p.ParseValues() },
        ["result.err"] = static (p, at) => new(ComponentWastValueKind.Result) { Items = p.ParseValues() },
        ["flags.const"] = static (p, at) => p.ParseFlags(),
    };

    private ComponentWastValue ParseValue()
    {
        ExpectLParen();
        var kw = Next();
        if (kw.Kind != TokenKind.Keyword || !Values.TryGetValue(kw.Text, out var parse)) throw Error(kw, "expected a [type].const expression");
        var v = parse(this, kw);
        ExpectRParen();
        return v;
    }

    // A value's keyword and arguments without the surrounding parentheses.
    private ComponentWastValue ParseBareValue()
    {
        var kw = Next();
        if (kw.Kind != TokenKind.Keyword || !Values.TryGetValue(kw.Text, out var parse)) throw Error(kw, "expected a [type].const expression");
        return parse(this, kw);
    }

    private List<ComponentWastValue> ParseValues()
    {
        var items = new List<ComponentWastValue>();
        while (AtLParen) items.Add(ParseValue());
        return items;
    }

    private ComponentWastValue ParseBool()
    {
        var t = Next();
        if (t.IsKeyword("true")) return new(ComponentWastValueKind.Bool) { Bits = 1 };
        if (t.IsKeyword("false")) return new(ComponentWastValueKind.Bool) { Bits = 0 };
        throw Unexpected(t);
    }

    private ComponentWastValue ParseInt(ComponentWastValueKind kind, int bits, bool signed)
    {
        var t = Next();
        if (t.Kind != TokenKind.Number) throw Unexpected(t);
        ulong v;
        var status = signed ? WatNumbers.ParseInt(t.Text, bits, out v) : WatNumbers.ParseUnsigned(t.Text, bits, out v);
        if (status == NumberStatus.OutOfRange) throw Error(t, "constant out of range");
        if (status != NumberStatus.Ok) throw Error(t, $"unexpected token {t}");
        if (signed && bits < 64)
        {
            // Keep the value sign-extended, whichever way it was written (-1 or 0xff).
            int shift = 64 - bits;
            v = (ulong)((long)(v << shift) >> shift);
        }
        return new(kind) { Bits = v };
    }

    private ComponentWastValue ParseFloat(ComponentWastValueKind kind)
    {
        var t = Next();
        if (t.Kind is not (TokenKind.Number or TokenKind.Keyword)) throw Unexpected(t);
        NumberStatus status;
        ulong bits;
        if (kind == ComponentWastValueKind.F32)
        {
            status = WatNumbers.ParseF32(t.Text, out uint b);
            bits = b;
        }
        else
        {
            status = WatNumbers.ParseF64(t.Text, out bits);
        }
        if (status == NumberStatus.OutOfRange) throw Error(t, "constant out of range");
        if (status != NumberStatus.Ok) throw Error(t, $"unexpected token {t}");
        return new(kind) { Bits = bits };
    }

    private ComponentWastValue ParseChar()
    {
        var at = Peek();
        string s = ExpectName();
        if (s.Length == 0) throw Error(at, "empty string");
        var e = s.EnumerateRunes();
        e.MoveNext();
        var rune = e.Current;
        if (e.MoveNext()) throw Error(at, "more than one character");
        return new(ComponentWastValueKind.Char) { Bits = (ulong)rune.Value };
    }

    private ComponentWastValue ParseRecord()
    {
        var labels = new List<string>();
        var items = new List<ComponentWastValue>();
        while (AtLParen)
        {
            ExpectField("field");
            labels.Add(ExpectName());
            // Wasmtime writes a field's value without parentheses: (field "n" u32.const 7).
            items.Add(AtLParen ? ParseValue() : ParseBareValue());
            ExpectRParen();
        }
        return new(ComponentWastValueKind.Record) { Labels = labels, Items = items };
    }

    private ComponentWastValue ParseFlags()
    {
        var labels = new List<string>();
        while (Peek().Kind == TokenKind.String) labels.Add(ExpectName());
        return new(ComponentWastValueKind.Flags) { Labels = labels };
    }
}
