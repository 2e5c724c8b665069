using Kiln.Component.Model;
using Kiln.Wasm.Text;
using Kiln.Wasm.Text.Lexing;

namespace Kiln.Component.Text.Parsing;

internal sealed partial class ComponentParser
{
    // (canon lift (core func …) opts* (func $id? typeuse)) | (canon op imm* (core func $id?))
    private void ParseCanonField(ComponentBodyScope scope)
    {
        var open = Peek();
        ExpectField("canon");
        var op = Next();
        if (op.IsKeyword("lift"))
        {
            // The function type is expanded and resolved before the lifted core function (wasm-tools' order).
            int liftAt = Position;
            SkipBalanced();
            while (!AtField("func"))
            {
                if (AtRParen || Peek().Kind == TokenKind.Eof) throw Unexpected(Peek());
                if (AtLParen) SkipBalanced(); else Next();
            }
            int funcAt = Position;
            ExpectField("func");
            var id = TryIdToken();
            uint type = ParseFuncTypeUse(open);
            ExpectRParen();
            int end = Position;
            Position = liftAt;
            var lift = ParseLiftRest(type);
            if (Position != funcAt) throw Unexpected(Peek());
            Position = end;
            ExpectRParen();
            Define(scope, lift, Namespace.Func, id);
            return;
        }
        var canon = ParseCanonBuiltin(op);
        ExpectLParen();
        ExpectKeyword("core");
        ExpectKeyword("func");
        var coreId = TryIdToken();
        ExpectRParen();
        ExpectRParen();
        Define(scope, canon, Namespace.CoreFunc, coreId);
    }

    // After 'lift': (core func idx "name"?) opts*
    private CanonicalFunction ParseLiftRest(uint type)
    {
        ExpectLParen();
        ExpectKeyword("core");
        ExpectKeyword("func");
        uint func = ParseCoreItemRefRest(Namespace.CoreFunc);
        ExpectRParen();
        return CanonicalFunction.Lift(func, type, ParseCanonOptions());
    }

    /// <summary>Every canonical definition but <c>lift</c>, its immediates read in <see cref="CanonOpTable"/> order.</summary>
    private CanonicalFunction ParseCanonBuiltin(Token op)
    {
        var info = op.Kind == TokenKind.Keyword ? CanonOpTable.Lookup(op.Text) : null;
        if (info is null || info.Op == CanonOp.Lift) throw Error(op, $"unexpected token {op}: expected a canonical definition");
        if (info.Op == CanonOp.Lower)
        {
            ExpectField("func");
            uint func = ParseItemRefRest(Namespace.Func);
            ExpectRParen();
            return CanonicalFunction.Lower(func, ParseCanonOptions());
        }
        var canon = new CanonicalFunction(info.Op);
        foreach (var imm in info.Immediates)
        {
            canon = imm switch
            {
                CanonImmediate.Type => canon with { TypeIndex = ParseIndexOrRef("type", Namespace.Type) },
                CanonImmediate.Options => canon with { Options = ParseCanonOptions() },
                CanonImmediate.ResultList => canon with { Result = ParseTaskReturnResult() },
                CanonImmediate.CoreValType => canon with { CoreValType = ParseCoreValType() },
                CanonImmediate.Slot => canon with { Slot = ExpectU32() },
                CanonImmediate.Async => canon with { Async = TryKeyword("async") },
                CanonImmediate.Cancellable => canon with { Cancellable = TryKeyword("cancellable") },
                CanonImmediate.Shared => canon with { Shared = TryKeyword("shared") },
                CanonImmediate.CoreMemory => canon with { MemoryIndex = ParseMemoryUse() },
                CanonImmediate.CoreType => canon with { CoreTypeIndex = ParseCorePrefixedRef("type", Namespace.CoreType, legacy: false) },
                CanonImmediate.CoreTable => canon with { TableIndex = ParseCorePrefixedRef("table", Namespace.CoreTable, legacy: true) },
                _ => throw new InvalidOperationException($"{imm} is not an immediate of {info.Name}"),
            };
        }
        return canon;
    }

    private bool TryKeyword(string keyword)
    {
        if (!AtKeyword(keyword)) return false;
        Next();
        return true;
    }

    private ComponentValType? ParseTaskReturnResult()
    {
        if (!AtField("result")) return null;
        ExpectField("result");
        var t = ParseValType();
        ExpectRParen();
        return t;
    }

    // (memory idx "name"?) | (memory (core memory idx "name"?))
    private uint ParseMemoryUse()
    {
        ExpectField("memory");
        uint index = ParseCorePrefixedContents("memory", Namespace.CoreMemory);
        ExpectRParen();
        return index;
    }

    private static readonly Dictionary<string, CanonOptionKind> OptionKeywords = new(StringComparer.Ordinal)
    {
        ["string-encoding=utf8"] = CanonOptionKind.Utf8,
        ["string-encoding=utf16"] = CanonOptionKind.Utf16,
        ["string-encoding=latin1+utf16"] = CanonOptionKind.Latin1Utf16,
        ["async"] = CanonOptionKind.Async,
        ["gc"] = CanonOptionKind.Gc,
    };

    private static readonly Dictionary<string, CanonOptionKind> OptionForms = new(StringComparer.Ordinal)
    {
        ["memory"] = CanonOptionKind.Memory,
        ["realloc"] = CanonOptionKind.Realloc,
        ["post-return"] = CanonOptionKind.PostReturn,
        ["callback"] = CanonOptionKind.Callback,
        ["core-type"] = CanonOptionKind.CoreType,
    };

    /// <summary>Canonical options, in order (duplicates are the validator's to report).</summary>
    private List<CanonOption> ParseCanonOptions()
    {
        var options = new List<CanonOption>();
        while (true)
        {
            var t = Peek();
            if (t.Kind == TokenKind.Keyword && OptionKeywords.TryGetValue(t.Text, out var simple))
            {
                Next();
                options.Add(new CanonOption(simple));
                continue;
            }
            if (t.Kind != TokenKind.LParen || Peek(1).Kind != TokenKind.Keyword || !OptionForms.TryGetValue(Peek(1).Text, out var kind)) return options;
            if (kind == CanonOptionKind.Memory)
            {
                options.Add(new CanonOption(kind, ParseMemoryUse()));
                continue;
            }
            Position += 2;
            uint index = kind == CanonOptionKind.CoreType
                ? ParseCorePrefixedRef("type", Namespace.CoreType, legacy: true)
                : ParseCorePrefixedRef("func", Namespace.CoreFunc, legacy: true);
            ExpectRParen();
            options.Add(new CanonOption(kind, index));
        }
    }
}
