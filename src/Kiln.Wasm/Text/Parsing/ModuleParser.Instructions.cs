using System.Numerics;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text.Lexing;

namespace Kiln.Wasm.Text.Parsing;

internal sealed partial class ModuleParser
{
    /// <summary>An instruction whose immediates are parsed but which is not yet written: folded
    /// instructions write their operands first.</summary>
    private readonly record struct Pending(Instruction Instruction, uint[]? Targets, ValType[]? Types);

    /// <summary>Parses instructions (flat or folded) until a token that cannot start one.</summary>
    private void ParseInstructions(FuncContext c)
    {
        while (true)
        {
            var t = Peek();
            if (t.Kind == TokenKind.LParen)
            {
                ParseFolded(c);
            }
            else if (t.Kind == TokenKind.Keyword && t.Text is not ("end" or "else"))
            {
                ParsePlain(c);
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>A constant expression (global initializer, offset, element item) up to the closing parenthesis.</summary>
    private ConstExpr ParseExpressionUntilRParen()
    {
        var c = new FuncContext();
        ParseInstructions(c);
        return FinishExpression(c);
    }

    private ConstExpr ParseSingleFoldedExpression()
    {
        var c = new FuncContext();
        ParseFolded(c);
        return FinishExpression(c);
    }

    private static ConstExpr FinishExpression(FuncContext c)
    {
        c.Code.End();
        var bytes = c.Writer.ToArray();
        c.Writer.Dispose();
        return new ConstExpr(bytes, 0);
    }

    private void ParsePlain(FuncContext c)
    {
        var t = Next();
        switch (t.Text)
        {
            case "block":
            case "loop":
                {
                    var label = TryId();
                    var bt = ParseBlockType();
                    c.Code.Block(t.Text == "block" ? Opcode.Block : Opcode.Loop, bt);
                    c.Labels.Add(label);
                    ParseInstructions(c);
                    ExpectKeyword("end");
                    CheckEndLabel(label);
                    c.Labels.RemoveAt(c.Labels.Count - 1);
                    c.Code.End();
                    return;
                }
            case "if":
                {
                    var label = TryId();
                    var bt = ParseBlockType();
                    c.Code.Block(Opcode.If, bt);
                    c.Labels.Add(label);
                    ParseInstructions(c);
                    if (AtKeyword("else"))
                    {
                        Next();
                        CheckEndLabel(label);
                        // An empty else is dropped, as the reference encoder and wabt do.
                        if (!AtKeyword("end")) c.Code.Emit(Opcode.Else);
                        ParseInstructions(c);
                    }
                    ExpectKeyword("end");
                    CheckEndLabel(label);
                    c.Labels.RemoveAt(c.Labels.Count - 1);
                    c.Code.End();
                    return;
                }
            case "try_table":
                ParseTryTable(c, folded: false);
                return;
        }
        var p = ParseOperator(t, c);
        Write(c, p);
    }

    private void ParseFolded(FuncContext c)
    {
        ExpectLParen();
        var t = Next();
        if (t.Kind != TokenKind.Keyword) throw Unexpected(t);
        switch (t.Text)
        {
            case "block":
            case "loop":
                {
                    var label = TryId();
                    var bt = ParseBlockType();
                    c.Code.Block(t.Text == "block" ? Opcode.Block : Opcode.Loop, bt);
                    c.Labels.Add(label);
                    ParseInstructions(c);
                    ExpectRParen();
                    c.Labels.RemoveAt(c.Labels.Count - 1);
                    c.Code.End();
                    return;
                }
            case "if":
                {
                    var label = TryId();
                    var bt = ParseBlockType();
                    // The condition operands come first and lie outside the if's label scope.
                    while (AtLParen && !Peek(1).IsKeyword("then")) ParseFolded(c);
                    c.Code.Block(Opcode.If, bt);
                    c.Labels.Add(label);
                    ExpectField("then");
                    ParseInstructions(c);
                    ExpectRParen();
                    if (AtField("else"))
                    {
                        ExpectField("else");
                        if (!AtRParen) c.Code.Emit(Opcode.Else);
                        ParseInstructions(c);
                        ExpectRParen();
                    }
                    ExpectRParen();
                    c.Labels.RemoveAt(c.Labels.Count - 1);
                    c.Code.End();
                    return;
                }
            case "try_table":
                ParseTryTable(c, folded: true);
                return;
        }
        var p = ParseOperator(t, c);
        while (AtLParen) ParseFolded(c);
        ExpectRParen();
        Write(c, p);
    }

    private void CheckEndLabel(string? label)
    {
        if (Peek().Kind != TokenKind.Id) return;
        var t = Next();
        if (label != t.Text) throw Error(t, $"mismatching label {t.Text}");
    }

    private static void Write(FuncContext c, in Pending p) => c.Code.Emit(p.Instruction, p.Targets, p.Types);

    /// <summary>Looks up a plain instruction's mnemonic and reads its immediates.</summary>
    private Pending ParseOperator(Token t, FuncContext c)
    {
        if (t.Kind != TokenKind.Keyword || !OpcodeTable.TryGetByName(t.Text, out var info) ||
            info.Immediate == ImmediateKind.BlockType || info.Opcode is Opcode.Else or Opcode.End)
        {
            if (t.Kind == TokenKind.Keyword && LegacyExceptions.IsLegacyKeyword(t.Text)) throw Error(t, LegacyExceptions.Refusal);
            throw Error(t, $"unknown operator {t.Text}");
        }
        var op = info.Opcode;
        switch (info.Immediate)
        {
            case ImmediateKind.None:
                if (op == Opcode.Select && AtField("result"))
                {
                    var types = new List<ValType>();
                    while (AtField("result"))
                    {
                        ExpectField("result");
                        while (!AtRParen) types.Add(ParseValType());
                        ExpectRParen();
                    }
                    var arr = types.ToArray();
                    return new Pending(new Instruction(Opcode.SelectTyped, 0, arr.Length > 0 ? (byte)arr[0] : 0UL, (ulong)arr.Length), null, arr);
                }
                return Simple(op);
            case ImmediateKind.Label:
                return Simple(op, ResolveLabel(c, Next()));
            case ImmediateKind.BrTable:
                {
                    var targets = new List<uint>();
                    while (AtIndex) targets.Add(ResolveLabel(c, Next()));
                    if (targets.Count == 0) throw Unexpected(Peek());
                    uint def = targets[^1];
                    targets.RemoveAt(targets.Count - 1);
                    return new Pending(new Instruction(op, 0, 0, (ulong)targets.Count, def), targets.ToArray(), null);
                }
            case ImmediateKind.Func:
                return Simple(op, _funcs.Resolve(Next()));
            case ImmediateKind.Tag:
                return Simple(op, _tags.Resolve(Next()));
            case ImmediateKind.CallIndirect:
                {
                    uint table = AtIndex ? _tables.Resolve(Next()) : 0;
                    uint type = ParseTypeUse(allowParamIds: false, out _, out _);
                    return Simple(op, type, table);
                }
            case ImmediateKind.Local:
                return Simple(op, ResolveLocal(c, Next()));
            case ImmediateKind.Global:
                return Simple(op, _globals.Resolve(Next()));
            case ImmediateKind.Table:
                return Simple(op, AtIndex ? _tables.Resolve(Next()) : 0);
            case ImmediateKind.Memory:
                return Simple(op, AtIndex ? _memories.Resolve(Next()) : 0);
            case ImmediateKind.Data:
                _usesDataCount = true;
                return Simple(op, _datas.Resolve(Next()));
            case ImmediateKind.Elem:
                return Simple(op, _elems.Resolve(Next()));
            case ImmediateKind.MemoryInit:
                {
                    _usesDataCount = true;
                    var first = Next();
                    if (AtIndex) return Simple(op, _datas.Resolve(Next()), _memories.Resolve(first));
                    return Simple(op, _datas.Resolve(first), 0);
                }
            case ImmediateKind.MemoryCopy:
                {
                    if (!AtIndex) return Simple(op, 0, 0);
                    uint dst = _memories.Resolve(Next());
                    return Simple(op, dst, _memories.Resolve(Next()));
                }
            case ImmediateKind.TableInit:
                {
                    var first = Next();
                    if (AtIndex) return Simple(op, _elems.Resolve(Next()), _tables.Resolve(first));
                    return Simple(op, _elems.Resolve(first), 0);
                }
            case ImmediateKind.TableCopy:
                {
                    if (!AtIndex) return Simple(op, 0, 0);
                    uint dst = _tables.Resolve(Next());
                    return Simple(op, dst, _tables.Resolve(Next()));
                }
            case ImmediateKind.MemArg:
                {
                    uint memory = ParseMemArgMemory(lane: false);
                    var (offset, align) = ParseMemArg(info);
                    return new Pending(new Instruction(op, 0, offset, align, memory), null, null);
                }
            case ImmediateKind.MemArgLane:
                {
                    uint memory = ParseMemArgMemory(lane: true);
                    var (offset, align) = ParseMemArg(info);
                    byte lane = ParseLaneIndex();
                    return new Pending(new Instruction(op, 0, offset, align, memory, lane), null, null);
                }
            case ImmediateKind.Lane:
                return new Pending(new Instruction(op, 0, lane: ParseLaneIndex()), null, null);
            case ImmediateKind.I32:
                return Simple(op, ParseIntLiteral(Next(), 32));
            case ImmediateKind.I64:
                return Simple(op, ParseIntLiteral(Next(), 64));
            case ImmediateKind.F32:
                return Simple(op, ParseF32Literal(Next()));
            case ImmediateKind.F64:
                return Simple(op, ParseF64Literal(Next()));
            case ImmediateKind.RefNull:
                {
                    var h = Next();
                    if (h.IsKeyword("func")) return Simple(op, (byte)ValType.FuncRef);
                    if (h.IsKeyword("extern")) return Simple(op, (byte)ValType.ExternRef);
                    if (h.IsKeyword("exn")) return Simple(op, (byte)ValType.ExnRef);
                    throw Unexpected(h);
                }
            case ImmediateKind.V128:
                {
                    var (lo, hi) = ParseV128Literal();
                    return Simple(op, lo, hi);
                }
            case ImmediateKind.Shuffle:
                {
                    ulong lo = 0, hi = 0;
                    for (int i = 0; i < 16; i++)
                    {
                        if (Peek().Kind != TokenKind.Number) throw Error(Peek(), "invalid lane length");
                        V128Shapes.SetLane(ref lo, ref hi, 8, i, ParseLaneIndex());
                    }
                    if (Peek().Kind == TokenKind.Number) throw Error(Peek(), "invalid lane length");
                    return Simple(op, lo, hi);
                }
            default:
                throw new InvalidOperationException($"unhandled immediate kind {info.Immediate}");
        }
    }

    private static Pending Simple(Opcode op, ulong a = 0, ulong b = 0) => new(new Instruction(op, 0, a, b), null, null);

    private static uint ResolveLabel(FuncContext c, Token t)
    {
        if (t.Kind == TokenKind.Id)
        {
            for (int i = c.Labels.Count - 1; i >= 0; i--)
            {
                if (c.Labels[i] == t.Text) return (uint)(c.Labels.Count - 1 - i);
            }
            throw Error(t, $"unknown label {t.Text}");
        }
        if (t.Kind == TokenKind.Number) return ParseU32(t);
        throw Error(t, $"unexpected token {t}");
    }

    private static uint ResolveLocal(FuncContext c, Token t)
    {
        if (t.Kind == TokenKind.Id)
        {
            if (c.LocalIds.TryGetValue(t.Text, out uint i)) return i;
            throw Error(t, $"unknown local {t.Text}");
        }
        if (t.Kind == TokenKind.Number) return ParseU32(t);
        throw Error(t, $"unexpected token {t}");
    }

    private (ulong Offset, ulong AlignLog2) ParseMemArg(OpcodeInfo info)
    {
        ulong offset = 0;
        ulong align = info.NaturalAlignment;
        var t = Peek();
        if (t.Kind == TokenKind.Keyword && t.Text.StartsWith("offset=", StringComparison.Ordinal))
        {
            Next();
            offset = ParseMemArgValue(t, t.Text[7..]);
            t = Peek();
        }
        if (t.Kind == TokenKind.Keyword && t.Text.StartsWith("align=", StringComparison.Ordinal))
        {
            Next();
            ulong a = ParseMemArgValue(t, t.Text[6..]);
            if (a == 0 || !BitOperations.IsPow2(a)) throw Error(t, "alignment must be a power of two");
            align = (ulong)BitOperations.Log2(a);
        }
        return (offset, align);
    }

    private static ulong ParseMemArgValue(Token t, string text)
    {
        var st = WatNumbers.ParseUnsigned(text, 32, out ulong v);
        if (st == NumberStatus.OutOfRange) throw Error(t, "i32 constant out of range");
        if (st != NumberStatus.Ok) throw Error(t, $"unknown operator {t.Text}");
        return v;
    }

    private byte ParseLaneIndex()
    {
        var t = Next();
        if (t.Kind != TokenKind.Number) throw Unexpected(t);
        var st = WatNumbers.ParseUnsigned(t.Text, 8, out ulong v);
        if (st != NumberStatus.Ok) throw Error(t, "malformed lane index");
        return (byte)v;
    }

    internal static ulong ParseIntLiteral(Token t, int bits)
    {
        if (t.Kind != TokenKind.Number) throw Error(t, $"unexpected token {t}");
        var st = WatNumbers.ParseInt(t.Text, bits, out ulong v);
        if (st == NumberStatus.OutOfRange) throw Error(t, "constant out of range");
        if (st != NumberStatus.Ok) throw Error(t, $"unknown operator {t.Text}");
        // Sign-extend so the instruction's immediate reads back as the signed value.
        return bits == 32 ? (ulong)(long)(int)(uint)v : v;
    }

    internal static uint ParseF32Literal(Token t)
    {
        if (t.Kind is not (TokenKind.Number or TokenKind.Keyword)) throw Error(t, $"unexpected token {t}");
        var st = WatNumbers.ParseF32(t.Text, out uint v);
        if (st == NumberStatus.OutOfRange) throw Error(t, "constant out of range");
        if (st != NumberStatus.Ok) throw Error(t, $"unknown operator {t.Text}");
        return v;
    }

    internal static ulong ParseF64Literal(Token t)
    {
        if (t.Kind is not (TokenKind.Number or TokenKind.Keyword)) throw Error(t, $"unexpected token {t}");
        var st = WatNumbers.ParseF64(t.Text, out ulong v);
        if (st == NumberStatus.OutOfRange) throw Error(t, "constant out of range");
        if (st != NumberStatus.Ok) throw Error(t, $"unknown operator {t.Text}");
        return v;
    }

    /// <summary><c>shape lane*</c> after v128.const.</summary>
    private (ulong Low, ulong High) ParseV128Literal() => ParseV128Literal(this);

    internal static (ulong Low, ulong High) ParseV128Literal(TokenCursor cur)
    {
        var s = cur.Next();
        if (s.Kind != TokenKind.Keyword || !V128Shapes.TryParse(s.Text, out var shape)) throw Error(s, $"unexpected token {s}");
        ulong lo = 0, hi = 0;
        int n = shape.LaneCount();
        for (int i = 0; i < n; i++)
        {
            var t = cur.Peek();
            bool literal = t.Kind == TokenKind.Number ||
                (t.Kind == TokenKind.Keyword && (t.Text.StartsWith("nan", StringComparison.Ordinal) || t.Text == "inf"));
            if (!literal) throw Error(t, "wrong number of lane literals");
            cur.Next();
            var st = V128Shapes.ParseLane(shape, t.Text, out ulong bits);
            if (st == NumberStatus.OutOfRange) throw Error(t, "constant out of range");
            if (st != NumberStatus.Ok) throw Error(t, $"unknown operator {t.Text}");
            V128Shapes.SetLane(ref lo, ref hi, shape.LaneBits(), i, bits);
        }
        return (lo, hi);
    }
}
