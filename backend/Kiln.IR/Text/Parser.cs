using System.Globalization;

namespace Kiln.IR.Text;

/// <summary>
/// Reads the text form written by <see cref="Printer"/>. Value and block numbers are kept as written, so
/// printing the result reproduces canonical input exactly. Errors carry line and column.
/// </summary>
public sealed class Parser
{
    private readonly List<Token> tokens;
    private int pos;

    // Per function: first mention of each value/block number, to report uses never defined.
    private readonly Dictionary<int, Token> valueUses = [];
    private readonly Dictionary<int, Token> blockUses = [];

    private Parser(string text)
    {
        tokens = Lexer.Tokenize(text);
    }

    /// <summary>Parses exactly one function.</summary>
    public static Function ParseFunction(string text)
    {
        var fs = ParseFunctions(text);
        if (fs.Count != 1)
        {
            throw new IrParseException(1, 1, $"expected one function, found {fs.Count}");
        }
        return fs[0];
    }

    public static List<Function> ParseFunctions(string text)
    {
        var p = new Parser(text);
        var result = new List<Function>();
        while (p.Peek.Kind != TokenKind.End)
        {
            result.Add(p.ParseOne());
        }
        return result;
    }

    private Token Peek => tokens[pos];

    private Token Next() => tokens[pos++];

    private static IrParseException Error(Token t, string msg) => new(t.Line, t.Column, msg);

    private Token Expect(TokenKind kind, string what)
    {
        var t = Next();
        if (t.Kind != kind)
        {
            throw Error(t, $"expected {what}, found {Describe(t)}");
        }
        return t;
    }

    private static string Describe(Token t) => t.Kind == TokenKind.End ? "end of input" : $"'{t.Text}'";

    private bool Accept(TokenKind kind)
    {
        if (Peek.Kind == kind)
        {
            pos++;
            return true;
        }
        return false;
    }

    private void ExpectKeyword(string word)
    {
        var t = Next();
        if (t.Kind != TokenKind.Ident || t.Text != word)
        {
            throw Error(t, $"expected '{word}', found {Describe(t)}");
        }
    }

    private Function ParseOne()
    {
        valueUses.Clear();
        blockUses.Clear();
        ExpectKeyword("function");
        var name = Expect(TokenKind.Name, "function name '%name'").Text;
        var f = new Function(name, ParseSignature());
        Expect(TokenKind.LBrace, "'{'");
        ParsePreamble(f);
        while (Peek.Kind != TokenKind.RBrace)
        {
            ParseBlock(f);
        }
        var close = Next();
        foreach (var (n, t) in valueUses)
        {
            if (n >= f.Dfg.ValueCount || f.Dfg.ValueInfo(new Value(n)).Kind == ValueKind.Invalid)
            {
                throw Error(t, $"use of undefined value v{n}");
            }
        }
        foreach (var (n, t) in blockUses)
        {
            if (!f.Layout.Contains(new Block(n)))
            {
                throw Error(t, $"branch to undefined block{n}");
            }
        }
        if (!f.Entry.IsValid)
        {
            throw Error(close, "function has no blocks");
        }
        return f;
    }

    private Signature ParseSignature()
    {
        Expect(TokenKind.LParen, "'('");
        var ps = new List<IrType>();
        if (!Accept(TokenKind.RParen))
        {
            do
            {
                ps.Add(ParseType());
            }
            while (Accept(TokenKind.Comma));
            Expect(TokenKind.RParen, "')'");
        }
        var rs = new List<IrType>();
        if (Accept(TokenKind.Arrow))
        {
            do
            {
                rs.Add(ParseType());
            }
            while (Accept(TokenKind.Comma));
        }
        return new Signature([.. ps], [.. rs]);
    }

    private IrType ParseType()
    {
        var t = Next();
        if (t.Kind != TokenKind.Ident || !IrTypes.TryParse(t.Text, out var type))
        {
            throw Error(t, $"expected a type, found {Describe(t)}");
        }
        return type;
    }

    /// <summary>Parses <paramref name="prefix"/> followed by a decimal number, e.g. v12 or block3.</summary>
    private static bool TryNumbered(Token t, string prefix, out int n)
    {
        n = 0;
        return t.Kind == TokenKind.Ident && t.Text.Length > prefix.Length && t.Text.StartsWith(prefix, StringComparison.Ordinal) &&
               char.IsAsciiDigit(t.Text[prefix.Length]) &&
               int.TryParse(t.Text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out n) &&
               t.Text[prefix.Length..] == n.ToString(CultureInfo.InvariantCulture);
    }

    private int ExpectNumbered(string prefix, string what)
    {
        var t = Next();
        if (!TryNumbered(t, prefix, out int n))
        {
            throw Error(t, $"expected {what}, found {Describe(t)}");
        }
        return n;
    }

    private void ParsePreamble(Function f)
    {
        while (true)
        {
            var t = Peek;
            if (TryNumbered(t, "sig", out int s))
            {
                pos++;
                if (s != f.Dfg.Signatures.Count)
                {
                    throw Error(t, $"expected sig{f.Dfg.Signatures.Count} next");
                }
                Expect(TokenKind.Equals, "'='");
                f.ImportSignature(ParseSignature());
            }
            else if (TryNumbered(t, "fn", out int fnum))
            {
                pos++;
                if (fnum != f.Dfg.ExtFuncs.Count)
                {
                    throw Error(t, $"expected fn{f.Dfg.ExtFuncs.Count} next");
                }
                Expect(TokenKind.Equals, "'='");
                bool lib = false;
                if (Peek.Kind == TokenKind.Ident && Peek.Text == "libcall")
                {
                    pos++;
                    lib = true;
                }
                var name = Expect(TokenKind.Name, "callee name '%name'").Text;
                var sigTok = Peek;
                int sig = ExpectNumbered("sig", "a signature reference");
                if (sig >= f.Dfg.Signatures.Count)
                {
                    throw Error(sigTok, $"undefined signature sig{sig}");
                }
                f.ImportFunction(name, new SigRef(sig), lib);
            }
            else if (TryNumbered(t, "ss", out int snum))
            {
                pos++;
                if (snum != f.Dfg.StackSlots.Count)
                {
                    throw Error(t, $"expected ss{f.Dfg.StackSlots.Count} next");
                }
                Expect(TokenKind.Equals, "'='");
                ExpectKeyword("stack_slot");
                int size = (int)ParseInt(IrType.I32);
                Expect(TokenKind.Comma, "','");
                ExpectKeyword("align");
                int align = (int)ParseInt(IrType.I32);
                f.CreateStackSlot(size, align);
            }
            else if (t.Kind == TokenKind.Ident && t.Text == "stack_limit")
            {
                pos++;
                Expect(TokenKind.Equals, "'='");
                int param = ExpectNumbered("param", "a parameter 'paramN'");
                var loads = new List<long>();
                while (Accept(TokenKind.Comma))
                {
                    ExpectKeyword("load");
                    loads.Add(ParseInt(IrType.I64));
                }
                f.StackLimit = new StackLimit(param, [.. loads]);
            }
            else
            {
                return;
            }
        }
    }

    private Block UseBlock(Function f)
    {
        var t = Peek;
        int n = ExpectNumbered("block", "a block");
        blockUses.TryAdd(n, t);
        f.Dfg.EnsureBlockCount(n + 1);
        return new Block(n);
    }

    private Value UseValue(Function f)
    {
        var t = Peek;
        int n = ExpectNumbered("v", "a value");
        valueUses.TryAdd(n, t);
        f.Dfg.EnsureValueCount(n + 1);
        return new Value(n);
    }

    private Value DefValue(Function f, Token t, int n)
    {
        f.Dfg.EnsureValueCount(n + 1);
        if (f.Dfg.ValueInfo(new Value(n)).Kind != ValueKind.Invalid)
        {
            throw Error(t, $"value v{n} is defined twice");
        }
        return new Value(n);
    }

    private void ParseBlock(Function f)
    {
        var t = Peek;
        int n = ExpectNumbered("block", "a block header or '}'");
        f.Dfg.EnsureBlockCount(n + 1);
        var b = new Block(n);
        if (f.Layout.Contains(b))
        {
            throw Error(t, $"block{n} is defined twice");
        }
        f.Layout.AppendBlock(b);
        if (Accept(TokenKind.LParen))
        {
            do
            {
                var vt = Peek;
                int vn = ExpectNumbered("v", "a parameter value");
                var v = DefValue(f, vt, vn);
                Expect(TokenKind.Colon, "':'");
                f.Dfg.AttachBlockParam(b, v, ParseType());
            }
            while (Accept(TokenKind.Comma));
            Expect(TokenKind.RParen, "')'");
        }
        Expect(TokenKind.Colon, "':' after the block header");
        while (Peek.Kind != TokenKind.RBrace && !IsBlockHeader(Peek))
        {
            if (Peek.Kind == TokenKind.End)
            {
                throw Error(Peek, "expected '}' at the end of the function");
            }
            ParseInst(f, b);
        }
    }

    private static bool IsBlockHeader(Token t) => TryNumbered(t, "block", out _);

    private void ParseInst(Function f, Block b)
    {
        var dfg = f.Dfg;
        var results = new List<(Token, int)>();
        if (TryNumbered(Peek, "v", out _))
        {
            do
            {
                var vt = Peek;
                results.Add((vt, ExpectNumbered("v", "a result value")));
            }
            while (Accept(TokenKind.Comma));
            Expect(TokenKind.Equals, "'='");
        }
        var opTok = Next();
        if (opTok.Kind != TokenKind.Ident || !OpcodeInfo.TryParse(opTok.Text, out var op))
        {
            throw Error(opTok, $"unknown opcode {Describe(opTok)}");
        }
        var info = OpcodeInfo.Of(op);
        var ctrl = IrType.Invalid;
        if (Accept(TokenKind.Dot))
        {
            var typeTok = Peek;
            ctrl = ParseType();
            if (info.CtrlTypes == TypeSet.None)
            {
                throw Error(typeTok, $"{info.Name} takes no type suffix");
            }
        }
        else if (info.CtrlTypes != TypeSet.None)
        {
            throw Error(Peek, $"{info.Name} needs a type suffix, e.g. {info.Name}.i32");
        }

        var args = new List<Value>();
        var calls = new List<(Block, List<Value>)>();
        long imm = 0;
        byte cond = 0;
        var trap = TrapCode.None;
        int reference = 0;
        switch (info.Format)
        {
            case InstFormat.IntConst:
                imm = ParseInt(ctrl);
                break;
            case InstFormat.FloatConst:
                imm = ParseFloat(ctrl);
                break;
            case InstFormat.Unary:
                args.Add(UseValue(f));
                break;
            case InstFormat.Binary:
                args.Add(UseValue(f));
                Expect(TokenKind.Comma, "','");
                args.Add(UseValue(f));
                break;
            case InstFormat.Ternary:
                ParseValueList(f, args, 3);
                break;
            case InstFormat.IntCompare:
                {
                    var ct = Next();
                    if (ct.Kind != TokenKind.Ident || !IntCCs.TryParse(ct.Text, out var cc))
                    {
                        throw Error(ct, $"expected an integer condition code, found {Describe(ct)}");
                    }
                    cond = (byte)cc;
                    ParseValueList(f, args, 2);
                    break;
                }
            case InstFormat.FloatCompare:
                {
                    var ct = Next();
                    if (ct.Kind != TokenKind.Ident || !FloatCCs.TryParse(ct.Text, out var cc))
                    {
                        throw Error(ct, $"expected a float condition code, found {Describe(ct)}");
                    }
                    cond = (byte)cc;
                    ParseValueList(f, args, 2);
                    break;
                }
            case InstFormat.Load:
                trap = ParseTrapCode(allowNone: true);
                args.Add(UseValue(f));
                imm = ParseOffset();
                break;
            case InstFormat.Store:
                trap = ParseTrapCode(allowNone: true);
                args.Add(UseValue(f));
                Expect(TokenKind.Comma, "','");
                args.Add(UseValue(f));
                imm = ParseOffset();
                break;
            case InstFormat.Call:
                reference = ParseFuncRef(f);
                ParseParenValues(f, args);
                break;
            case InstFormat.CallIndirect:
                {
                    var st = Peek;
                    reference = ExpectNumbered("sig", "a signature reference");
                    if (reference >= dfg.Signatures.Count)
                    {
                        throw Error(st, $"undefined signature sig{reference}");
                    }
                    Expect(TokenKind.Comma, "','");
                    args.Add(UseValue(f));
                    ParseParenValues(f, args);
                    break;
                }
            case InstFormat.FuncAddr:
                reference = ParseFuncRef(f);
                break;
            case InstFormat.StackAddr:
                {
                    var st = Peek;
                    reference = ExpectNumbered("ss", "a stack slot");
                    if (reference >= f.Dfg.StackSlots.Count)
                    {
                        throw Error(st, $"undefined stack slot ss{reference}");
                    }
                    break;
                }
            case InstFormat.Jump:
                calls.Add(ParseBlockCall(f));
                break;
            case InstFormat.JumpUnwind:
                calls.Add(ParseBlockCall(f));
                Expect(TokenKind.Comma, "','");
                ExpectKeyword("unwind");
                calls.Add(ParseBlockCall(f));
                break;
            case InstFormat.Brif:
                args.Add(UseValue(f));
                Expect(TokenKind.Comma, "','");
                calls.Add(ParseBlockCall(f));
                Expect(TokenKind.Comma, "','");
                calls.Add(ParseBlockCall(f));
                break;
            case InstFormat.BrTable:
                args.Add(UseValue(f));
                Expect(TokenKind.Comma, "','");
                calls.Add(ParseBlockCall(f));
                Expect(TokenKind.Comma, "','");
                Expect(TokenKind.LBracket, "'['");
                if (!Accept(TokenKind.RBracket))
                {
                    do
                    {
                        calls.Add(ParseBlockCall(f));
                    }
                    while (Accept(TokenKind.Comma));
                    Expect(TokenKind.RBracket, "']'");
                }
                break;
            case InstFormat.Return:
                // Operands must share the line: otherwise "return" followed by "v1 = ..." is ambiguous.
                if (TryNumbered(Peek, "v", out _) && Peek.Line == opTok.Line)
                {
                    do
                    {
                        args.Add(UseValue(f));
                    }
                    while (Accept(TokenKind.Comma));
                }
                break;
            case InstFormat.Trap:
                trap = ParseTrapCode(allowNone: false);
                break;
            case InstFormat.CondTrap:
                args.Add(UseValue(f));
                Expect(TokenKind.Comma, "','");
                trap = ParseTrapCode(allowNone: false);
                break;
        }

        var inst = dfg.MakeInst(op, ctrl, args.ToArray());
        ref var d = ref dfg[inst];
        d.Imm = imm;
        d.Cond = cond;
        d.Trap = trap;
        d.Ref = reference;
        foreach (var (target, cargs) in calls)
        {
            dfg.AddBlockCall(inst, target, cargs.ToArray());
        }
        int want = dfg.ResultTypeCount(inst);
        if (want != results.Count)
        {
            throw Error(results.Count > 0 ? results[0].Item1 : opTok, $"{info.Name} has {want} result(s), {results.Count} named");
        }
        var chosen = new Value[results.Count];
        for (int i = 0; i < chosen.Length; i++)
        {
            chosen[i] = DefValue(f, results[i].Item1, results[i].Item2);
            for (int j = 0; j < i; j++)
            {
                if (chosen[j] == chosen[i])
                {
                    throw Error(results[i].Item1, $"value v{results[i].Item2} is defined twice");
                }
            }
        }
        dfg.AttachResults(inst, chosen);
        f.Layout.AppendInst(inst, b);
    }

    private int ParseFuncRef(Function f)
    {
        var t = Peek;
        int n = ExpectNumbered("fn", "a function reference");
        if (n >= f.Dfg.ExtFuncs.Count)
        {
            throw Error(t, $"undefined function fn{n}");
        }
        return n;
    }

    private void ParseValueList(Function f, List<Value> into, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                Expect(TokenKind.Comma, "','");
            }
            into.Add(UseValue(f));
        }
    }

    private void ParseParenValues(Function f, List<Value> into)
    {
        Expect(TokenKind.LParen, "'('");
        if (Accept(TokenKind.RParen))
        {
            return;
        }
        do
        {
            into.Add(UseValue(f));
        }
        while (Accept(TokenKind.Comma));
        Expect(TokenKind.RParen, "')'");
    }

    private (Block, List<Value>) ParseBlockCall(Function f)
    {
        var b = UseBlock(f);
        var args = new List<Value>();
        if (Peek.Kind == TokenKind.LParen)
        {
            ParseParenValues(f, args);
        }
        return (b, args);
    }

    private TrapCode ParseTrapCode(bool allowNone)
    {
        var t = Next();
        if (t.Kind != TokenKind.Ident || !TrapCode.TryParse(t.Text, out var code) || (!allowNone && code == TrapCode.None))
        {
            throw Error(t, $"expected a trap code{(allowNone ? " or 'notrap'" : "")}, found {Describe(t)}");
        }
        return code;
    }

    private long ParseOffset()
    {
        if (Peek.Kind == TokenKind.Number && (Peek.Text[0] == '+' || Peek.Text[0] == '-'))
        {
            var t = Next();
            if (!long.TryParse(t.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long off))
            {
                throw Error(t, $"bad offset '{t.Text}'");
            }
            return off;
        }
        return 0;
    }

    private long ParseInt(IrType type)
    {
        var t = Expect(TokenKind.Number, "an integer");
        var s = t.Text;
        bool neg = s.StartsWith('-');
        var body = s.TrimStart('-', '+');
        ulong mag;
        bool ok = body.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(body.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out mag)
            : ulong.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out mag);
        if (!ok)
        {
            throw Error(t, $"bad integer '{s}'");
        }
        long v = neg ? (long)(0 - mag) : (long)mag;
        if (type == IrType.I32)
        {
            if (neg ? mag > 0x8000_0000UL : mag > 0xFFFF_FFFFUL)
            {
                throw Error(t, $"integer '{s}' does not fit i32");
            }
            v = (int)v;
        }
        return v;
    }

    private long ParseFloat(IrType type)
    {
        bool neg = Accept(TokenKind.Minus);
        var t = Next();
        if (t.Kind == TokenKind.Ident && t.Text == "inf")
        {
            return FloatText.Infinity(type, neg);
        }
        if (t.Kind == TokenKind.Ident && t.Text == "nan" && !neg)
        {
            Expect(TokenKind.Colon, "':' and the NaN bit pattern");
            var bt = Expect(TokenKind.Number, "a hex bit pattern");
            if (!bt.Text.StartsWith("0x", StringComparison.Ordinal) ||
                !ulong.TryParse(bt.Text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong bits) ||
                (type == IrType.F32 && bits > uint.MaxValue))
            {
                throw Error(bt, $"bad NaN bit pattern '{bt.Text}'");
            }
            return (long)bits;
        }
        if (t.Kind != TokenKind.Number || neg || !FloatText.TryParseDecimal(type, t.Text, out long result))
        {
            throw Error(t, $"expected a float constant, found {Describe(t)}");
        }
        return result;
    }
}
