using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text.Lexing;

namespace Kiln.Wasm.Text.Parsing;

internal sealed partial class ModuleParser
{
    private static readonly Dictionary<string, ValType> ValTypes = new(StringComparer.Ordinal)
    {
        ["i32"] = ValType.I32,
        ["i64"] = ValType.I64,
        ["f32"] = ValType.F32,
        ["f64"] = ValType.F64,
        ["v128"] = ValType.V128,
        ["funcref"] = ValType.FuncRef,
        ["externref"] = ValType.ExternRef,
        ["exnref"] = ValType.ExnRef,
    };

    public ValType ParseValType()
    {
        if (AtField("ref")) return ParseRefForm();
        var t = Next();
        if (t.Kind == TokenKind.Keyword && ValTypes.TryGetValue(t.Text, out var v)) return v;
        throw Unexpected(t);
    }

    private ValType ParseRefType()
    {
        var t = Next();
        if (t.IsKeyword("funcref")) return ValType.FuncRef;
        if (t.IsKeyword("externref")) return ValType.ExternRef;
        if (t.IsKeyword("exnref")) return ValType.ExnRef;
        throw Unexpected(t);
    }

    /// <summary><c>(func (param …)* (result …)*)</c> inside a type definition.</summary>
    private FuncType ParseFuncTypeDefinition()
    {
        ExpectField("func");
        var ps = new List<ValType>();
        var rs = new List<ValType>();
        ParseParamsAndResults(ps, null, rs, allowIds: true, out _);
        ExpectRParen();
        return new FuncType(ps.ToArray(), rs.ToArray());
    }

    /// <summary>Reads <c>(param …)* (result …)*</c>; reports whether any clause was written.</summary>
    private void ParseParamsAndResults(List<ValType> ps, List<Token?>? ids, List<ValType> rs, bool allowIds, out bool any)
    {
        any = false;
        while (AtField("param"))
        {
            any = true;
            ExpectField("param");
            if (Peek().Kind == TokenKind.Id)
            {
                var id = Next();
                if (!allowIds) throw Unexpected(id);
                ids?.Add(id);
                ps.Add(ParseValType());
            }
            else
            {
                while (!AtRParen)
                {
                    ids?.Add(null);
                    ps.Add(ParseValType());
                }
            }
            ExpectRParen();
        }
        while (AtField("result"))
        {
            any = true;
            ExpectField("result");
            while (!AtRParen) rs.Add(ParseValType());
            ExpectRParen();
        }
    }

    /// <summary>
    /// A type use: <c>(type x)? (param …)* (result …)*</c>. With an explicit type, inline declarations must
    /// match it; without one, the first structurally equal type is used or a new one appended.
    /// </summary>
    private uint ParseTypeUse(bool allowParamIds, out List<Token?> paramIds, out int paramCount)
    {
        uint? explicitIndex = null;
        Token typeToken = Peek();
        if (AtField("type"))
        {
            ExpectField("type");
            typeToken = Peek();
            explicitIndex = _types.Resolve(Next());
            ExpectRParen();
        }
        var ps = new List<ValType>();
        var rs = new List<ValType>();
        paramIds = [];
        ParseParamsAndResults(ps, paramIds, rs, allowParamIds, out bool inline);
        if (explicitIndex is { } x)
        {
            if (x < _m.Types.Count)
            {
                var ft = _m.Types[(int)x];
                if (inline && !ft.Equals(new FuncType(ps.ToArray(), rs.ToArray())))
                    throw Error(typeToken, "inline function type does not match the type definition");
                paramCount = ft.Params.Length;
            }
            else
            {
                // With inline declarations the text cannot be elaborated; without, the validator reports it.
                if (inline) throw Error(typeToken, "unknown type");
                paramCount = ps.Count;
            }
            return x;
        }
        paramCount = ps.Count;
        return FindOrAddType(ps.ToArray(), rs.ToArray());
    }

    private uint FindOrAddType(ValType[] ps, ValType[] rs)
    {
        var ft = new FuncType(ps, rs);
        if (_typeLookup.TryGetValue(ft, out uint index)) return index;
        index = _types.Add(null);
        _m.Types.Add(ft);
        _typeLookup.Add(ft, index);
        return index;
    }

    /// <summary>A block type: empty, a single result, or a type use (explicit or found/appended).</summary>
    private BlockType ParseBlockType()
    {
        if (AtField("type")) return BlockType.FromTypeIndex(ParseTypeUse(allowParamIds: false, out _, out _));
        var ps = new List<ValType>();
        var rs = new List<ValType>();
        ParseParamsAndResults(ps, null, rs, allowIds: false, out _);
        if (ps.Count == 0 && rs.Count == 0) return BlockType.Empty;
        if (ps.Count == 0 && rs.Count == 1) return BlockType.FromValType(rs[0]);
        return BlockType.FromTypeIndex(FindOrAddType(ps.ToArray(), rs.ToArray()));
    }

    private Limits ParseLimits()
    {
        uint min = ExpectU32();
        uint? max = null;
        if (Peek().Kind == TokenKind.Number) max = ExpectU32();
        return new Limits(min, max);
    }

    private TableType ParseTableType()
    {
        var limits = ParseLimits();
        return new TableType(ParseRefType(), limits);
    }

    private MemoryType ParseMemoryType()
    {
        var limits = ParseLimits();
        bool shared = AtKeyword("shared");
        if (shared) Next();
        return new(limits, shared);
    }

    private GlobalType ParseGlobalType()
    {
        if (AtField("mut"))
        {
            ExpectField("mut");
            var t = ParseValType();
            ExpectRParen();
            return new GlobalType(t, true);
        }
        return new GlobalType(ParseValType(), false);
    }
}
