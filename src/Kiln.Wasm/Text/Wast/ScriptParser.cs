using Kiln.Wasm.Model;
using Kiln.Wasm.Text.Lexing;
using Kiln.Wasm.Text.Parsing;

namespace Kiln.Wasm.Text.Wast;

/// <summary>
/// Parses WebAssembly script (.wast) files: modules, registrations, actions and assertions. Anything
/// outside the script grammar is a <see cref="WatParseException"/> naming the file position; no
/// command is dropped silently.
/// </summary>
internal sealed class ScriptParser : TokenCursor
{
    private static readonly HashSet<string> ModuleFields =
        ["type", "import", "func", "table", "memory", "global", "tag", "export", "start", "elem", "data"];

    private readonly string _text;

    // Which script names ($id) denote component instances, and whether the most recent instance is one: an
    // action or register aimed at a component is captured for the component front end (see WastComponentCommand).
    private readonly HashSet<string> _componentInstances = new(StringComparer.Ordinal);
    private bool _currentIsComponent;

    private ScriptParser(Token[] tokens, string text) : base(tokens, 0) => _text = text;

    public static WastScript Parse(string text, string fileName)
    {
        var tokens = WatLexer.Tokenize(text);
        var p = new ScriptParser(tokens, text);
        var commands = new List<WastCommand>();
        // A script may be just module fields: one module without the (module …) wrapper.
        if (p.AtLParen && p.Peek(1).Kind == TokenKind.Keyword && ModuleFields.Contains(p.Peek(1).Text))
        {
            var first = p.Peek();
            var m = ModuleParser.ParseFieldsToEnd(tokens, 0);
            var def = new WastModuleDefinition { Kind = WastModuleKind.Text, Module = m, SourceText = text, Line = first.Line, Column = first.Column };
            commands.Add(new WastModuleCommand { Module = def, Line = first.Line, Column = first.Column });
            return new WastScript(fileName, commands);
        }
        while (p.Peek().Kind != TokenKind.Eof) commands.Add(p.ParseCommand());
        return new WastScript(fileName, commands);
    }

    private WastCommand ParseCommand()
    {
        var open = Peek();
        if (open.Kind != TokenKind.LParen) throw Unexpected(open);
        var kw = Peek(1);
        if (kw.Kind != TokenKind.Keyword) throw Unexpected(kw);
        int line = open.Line, col = open.Column;
        if (IsComponentDirective(kw.Text)) return CaptureComponentDirective(kw.Text);
        switch (kw.Text)
        {
            case "module":
                {
                    var command = new WastModuleCommand { Module = ParseModuleDefinition(false), Line = line, Column = col };
                    _currentIsComponent = false;
                    if (command.Module.Name is { } name) _componentInstances.Remove(name);
                    return command;
                }
            case "register":
                {
                    ExpectField("register");
                    string name = ExpectName();
                    string? module = TryId();
                    ExpectRParen();
                    return new WastRegisterCommand { As = name, ModuleName = module, Line = line, Column = col };
                }
            case "invoke":
            case "get":
                return new WastActionCommand { Action = ParseAction(), Line = line, Column = col };
            case "assert_return":
                {
                    ExpectField("assert_return");
                    var action = ParseAction();
                    var results = new List<WastExpected>();
                    while (AtLParen) results.Add(ParseExpected());
                    ExpectRParen();
                    return new WastAssertReturn { Action = action, Expected = results.ToArray(), Line = line, Column = col };
                }
            case "assert_trap":
                {
                    ExpectField("assert_trap");
                    if (AtField("module"))
                    {
                        var m = ParseModuleDefinition(false);
                        return new WastAssertTrap { Module = m, Message = ParseMessageAndClose(), Line = line, Column = col };
                    }
                    var action = ParseAction();
                    return new WastAssertTrap { Action = action, Message = ParseMessageAndClose(), Line = line, Column = col };
                }
            case "assert_exhaustion":
                {
                    ExpectField("assert_exhaustion");
                    var action = ParseAction();
                    return new WastAssertExhaustion { Action = action, Message = ParseMessageAndClose(), Line = line, Column = col };
                }
            case "assert_exception":
                {
                    ExpectField("assert_exception");
                    var action = ParseAction();
                    ExpectRParen();
                    return new WastAssertException { Action = action, Line = line, Column = col };
                }
            case "assert_malformed":
                {
                    ExpectField(kw.Text);
                    var m = ParseModuleDefinition(true);
                    return new WastAssertMalformed { Module = m, Message = ParseMessageAndClose(), Line = line, Column = col };
                }
            case "assert_invalid":
                {
                    ExpectField(kw.Text);
                    var m = ParseModuleDefinition(false);
                    return new WastAssertInvalid { Module = m, Message = ParseMessageAndClose(), Line = line, Column = col };
                }
            case "assert_unlinkable":
                {
                    ExpectField(kw.Text);
                    var m = ParseModuleDefinition(false);
                    return new WastAssertUnlinkable { Module = m, Message = ParseMessageAndClose(), Line = line, Column = col };
                }
            case "assert_uninstantiable":
                {
                    ExpectField(kw.Text);
                    var m = ParseModuleDefinition(false);
                    return new WastAssertUninstantiable { Module = m, Message = ParseMessageAndClose(), Line = line, Column = col };
                }
            default:
                throw Error(kw, $"unknown script command {kw.Text}");
        }
    }

    private static readonly HashSet<string> ModuleAssertions =
        ["assert_malformed", "assert_invalid", "assert_unlinkable", "assert_uninstantiable", "assert_trap"];

    private static readonly HashSet<string> Actions = ["invoke", "get"];

    private static readonly HashSet<string> ActionAssertions = ["assert_return", "assert_trap", "assert_exhaustion", "assert_exception"];

    /// <summary>Whether the command at the cursor (its keyword is <paramref name="keyword"/>) is about a component.</summary>
    private bool IsComponentDirective(string keyword)
    {
        if (keyword == "component") return true;
        if (ModuleAssertions.Contains(keyword) && Peek(2).Kind == TokenKind.LParen && Peek(3).IsKeyword("component")) return true;
        if (Actions.Contains(keyword)) return TargetsComponent(Peek(2));
        if (ActionAssertions.Contains(keyword) && Peek(2).Kind == TokenKind.LParen && Peek(3).Kind == TokenKind.Keyword && Actions.Contains(Peek(3).Text))
            return TargetsComponent(Peek(4));
        if (keyword == "register")
        {
            // (register "name" $id?)
            var target = Peek(3);
            return TargetsComponent(target.Kind == TokenKind.Id ? target : Peek(4));
        }
        return false;
    }

    // An action names its instance ($id) or means the most recent one.
    private bool TargetsComponent(Token afterKeyword) =>
        afterKeyword.Kind == TokenKind.Id ? _componentInstances.Contains(afterKeyword.Text) : _currentIsComponent;

    private WastComponentCommand CaptureComponentDirective(string keyword)
    {
        var open = Peek();
        int start = Position;
        if (keyword == "component") TrackComponentInstance();
        SkipBalanced();
        return new WastComponentCommand
        {
            Keyword = keyword,
            Tokens = Tokens,
            Start = start,
            End = Position,
            SourceText = SourceOf(start),
            Line = open.Line,
            Column = open.Column,
        };
    }

    // (component $id? …) and (component instance $id $def) make a new current instance; (component definition …) does not.
    private void TrackComponentInstance()
    {
        var second = Peek(2);
        if (second.IsKeyword("definition")) return;
        string? name = null;
        if (second.IsKeyword("instance")) name = Peek(3).Kind == TokenKind.Id ? Peek(3).Text : null;
        else if (second.Kind == TokenKind.Id) name = second.Text;
        _currentIsComponent = true;
        if (name is not null) _componentInstances.Add(name);
    }

    private string ParseMessageAndClose()
    {
        string msg = ExpectName();
        ExpectRParen();
        return msg;
    }

    /// <summary><c>(module $id? binary "…"*)</c>, <c>(module $id? quote "…"*)</c> or a text module.
    /// Inside assert_malformed a text module that does not parse is kept with its error.</summary>
    private WastModuleDefinition ParseModuleDefinition(bool malformedExpected)
    {
        int start = Position;
        var open = Peek();
        ExpectField("module");
        string? name = TryId();
        if (AtKeyword("binary") || AtKeyword("quote"))
        {
            bool binary = Next().Text == "binary";
            var bytes = new List<byte>();
            // Strings concatenate without separator, as in the reference interpreter.
            while (Peek().Kind == TokenKind.String) bytes.AddRange(Next().Bytes!);
            ExpectRParen();
            return new WastModuleDefinition
            {
                Kind = binary ? WastModuleKind.Binary : WastModuleKind.Quote,
                Name = name,
                Binary = binary ? bytes.ToArray() : null,
                QuoteBytes = binary ? null : bytes.ToArray(),
                Line = open.Line,
                Column = open.Column,
            };
        }
        int pos = start;
        try
        {
            var m = WatParser.ParseModule(Tokens, ref pos);
            Position = pos;
            return new WastModuleDefinition { Kind = WastModuleKind.Text, Name = name, Module = m, SourceText = SourceOf(start), Line = open.Line, Column = open.Column };
        }
        catch (WatParseException e) when (malformedExpected)
        {
            Position = start;
            SkipBalanced();
            return new WastModuleDefinition { Kind = WastModuleKind.Text, Name = name, TextError = e, SourceText = SourceOf(start), Line = open.Line, Column = open.Column };
        }
    }

    // The source from token 'start' through the token just consumed.
    private string SourceOf(int start)
    {
        var last = Tokens[Position - 1];
        int from = Tokens[start].Offset;
        return _text.Substring(from, last.Offset + last.Text.Length - from);
    }

    private WastAction ParseAction()
    {
        var open = Peek();
        ExpectLParen();
        var kw = Next();
        WastActionKind kind;
        if (kw.IsKeyword("invoke")) kind = WastActionKind.Invoke;
        else if (kw.IsKeyword("get")) kind = WastActionKind.Get;
        else throw Error(kw, $"expected an action (invoke or get), found {kw}");
        string? module = TryId();
        string name = ExpectName();
        var args = new List<WastValue>();
        if (kind == WastActionKind.Invoke)
        {
            while (AtLParen) args.Add(ParseConst());
        }
        ExpectRParen();
        return new WastAction(kind, module, name, args.ToArray(), open.Line, open.Column);
    }

    private WastValue ParseConst()
    {
        ExpectLParen();
        var kw = Next();
        WastValue v;
        switch (kw.Kind == TokenKind.Keyword ? kw.Text : "")
        {
            case "i32.const": v = WastValue.I32((int)ModuleParser.ParseIntLiteral(Next(), 32)); break;
            case "i64.const": v = WastValue.I64((long)ModuleParser.ParseIntLiteral(Next(), 64)); break;
            case "f32.const": v = WastValue.F32Bits(ModuleParser.ParseF32Literal(Next())); break;
            case "f64.const": v = WastValue.F64Bits(ModuleParser.ParseF64Literal(Next())); break;
            case "v128.const":
                {
                    var (lo, hi) = ModuleParser.ParseV128Literal(this);
                    v = WastValue.V128(lo, hi);
                    break;
                }
            case "ref.null": v = WastValue.RefNull(ParseHeapType()); break;
            case "ref.extern": v = WastValue.RefExtern(ExpectU32()); break;
            default: throw Error(kw, $"unexpected token {kw}: expected a constant");
        }
        ExpectRParen();
        return v;
    }

    private ValType ParseHeapType()
    {
        var t = Next();
        if (t.IsKeyword("func")) return ValType.FuncRef;
        if (t.IsKeyword("extern")) return ValType.ExternRef;
        throw Unexpected(t);
    }

    private WastExpected ParseExpected()
    {
        var open = Peek();
        var kw = Peek(1);
        string op = kw.Kind == TokenKind.Keyword ? kw.Text : "";
        switch (op)
        {
            case "f32.const":
            case "f64.const":
                {
                    var t = Peek(2);
                    var type = op == "f32.const" ? ValType.F32 : ValType.F64;
                    if (t.IsKeyword("nan:canonical") || t.IsKeyword("nan:arithmetic"))
                    {
                        Position += 3;
                        ExpectRParen();
                        var k = t.Text == "nan:canonical" ? WastExpectedKind.CanonicalNan : WastExpectedKind.ArithmeticNan;
                        return new WastExpected { Kind = k, Type = type };
                    }
                    return WastExpected.Exact(ParseConst());
                }
            case "v128.const":
                {
                    Position += 2;
                    var s = Next();
                    if (s.Kind != TokenKind.Keyword || !V128Shapes.TryParse(s.Text, out var shape)) throw Unexpected(s);
                    int n = shape.LaneCount();
                    var lanes = new WastLanePattern[n];
                    ulong lo = 0, hi = 0;
                    bool exact = true;
                    for (int i = 0; i < n; i++)
                    {
                        var t = Next();
                        if (shape.IsFloat() && (t.IsKeyword("nan:canonical") || t.IsKeyword("nan:arithmetic")))
                        {
                            lanes[i] = new WastLanePattern(t.Text == "nan:canonical" ? WastLaneKind.CanonicalNan : WastLaneKind.ArithmeticNan, 0);
                            exact = false;
                            continue;
                        }
                        if (t.Kind is not (TokenKind.Number or TokenKind.Keyword)) throw Error(t, "wrong number of lane literals");
                        var st = V128Shapes.ParseLane(shape, t.Text, out ulong bits);
                        if (st == NumberStatus.OutOfRange) throw Error(t, "constant out of range");
                        if (st != NumberStatus.Ok) throw Error(t, $"unknown operator {t.Text}");
                        ulong mask = shape.LaneBits() == 64 ? ulong.MaxValue : (1UL << shape.LaneBits()) - 1;
                        lanes[i] = new WastLanePattern(WastLaneKind.Exact, bits & mask);
                        V128Shapes.SetLane(ref lo, ref hi, shape.LaneBits(), i, bits);
                    }
                    ExpectRParen();
                    return new WastExpected
                    {
                        Kind = WastExpectedKind.V128Lanes,
                        Type = ValType.V128,
                        Shape = shape,
                        Lanes = lanes,
                        Value = exact ? WastValue.V128(lo, hi) : default,
                    };
                }
            case "ref.func":
                {
                    Position += 2;
                    if (AtRParen)
                    {
                        Next();
                        return new WastExpected { Kind = WastExpectedKind.AnyFuncRef, Type = ValType.FuncRef };
                    }
                    throw Error(Peek(), "ref.func with an index is not supported in script results");
                }
            case "ref.extern":
                if (Peek(2).Kind == TokenKind.RParen)
                {
                    Position += 3;
                    return new WastExpected { Kind = WastExpectedKind.AnyExternRef, Type = ValType.ExternRef };
                }
                return WastExpected.Exact(ParseConst());
            case "i32.const":
            case "i64.const":
            case "ref.null":
                return WastExpected.Exact(ParseConst());
            default:
                throw Error(open, $"unexpected result {kw}");
        }
    }
}
