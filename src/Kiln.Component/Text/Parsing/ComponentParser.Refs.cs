using Kiln.Component.Model;
using Kiln.Wasm.Text.Lexing;

namespace Kiln.Component.Text.Parsing;

internal sealed partial class ComponentParser
{
    // ---------------------------------------------------------------- resolution

    /// <summary>
    /// Resolves an index token in <paramref name="ns"/>. A number passes unchecked (an index out of range is the
    /// validator's error). An identifier is looked up in the current scope, then outward; found outward, an
    /// <c>alias outer</c> is added here first. As in the wasm-tools that jco 1.35 carries, that alias binds no
    /// name: every use makes a fresh one and none appears in the name section (newer wast names and reuses it).
    /// </summary>
    private uint Resolve(Token t, Namespace ns)
    {
        if (t.Kind == TokenKind.Number) return ParseU32(t);
        if (t.Kind != TokenKind.Id) throw Unexpected(t);
        for (int depth = 0; depth < _scopes.Count; depth++)
        {
            var scope = _scopes[^(depth + 1)];
            if (!scope.TryGet(ns, t.Text, out uint found)) continue;
            if (depth == 0) return found;
            if (!ns.IsOuterAliasable()) throw Error(t, $"outer item `{t.Text[1..]}` is not a module, type, or component");
            return DefineAlias(Alias.Outer(ns.ToSort(), (uint)depth, found), t, null);
        }
        throw Error(t, $"unknown {ns.Describe()}: failed to find name `{t.Text}`");
    }

    private static readonly Dictionary<string, Namespace> ComponentSorts = new(StringComparer.Ordinal)
    {
        ["func"] = Namespace.Func,
        ["value"] = Namespace.Value,
        ["type"] = Namespace.Type,
        ["component"] = Namespace.Component,
        ["instance"] = Namespace.Instance,
    };

    private static readonly Dictionary<string, Namespace> CoreExportSorts = new(StringComparer.Ordinal)
    {
        ["func"] = Namespace.CoreFunc,
        ["table"] = Namespace.CoreTable,
        ["memory"] = Namespace.CoreMemory,
        ["global"] = Namespace.CoreGlobal,
        ["tag"] = Namespace.CoreTag,
    };

    /// <summary>
    /// The rest of a component item reference after its kind keyword: <c>idx name*</c>. With names, the index
    /// is an instance and each name an export of it, aliased in turn (all but the last as instances).
    /// </summary>
    private uint ParseItemRefRest(Namespace ns)
    {
        var idx = Next();
        if (Peek().Kind != TokenKind.String) return Resolve(idx, ns);
        uint index = Resolve(idx, Namespace.Instance);
        while (Peek().Kind == TokenKind.String)
        {
            var at = Peek();
            string name = ExpectName();
            var sort = Peek().Kind == TokenKind.String ? Sort.Instance : ns.ToSort();
            index = DefineAlias(Alias.Export(sort, index, name), at, null);
        }
        return index;
    }

    /// <summary>The rest of a core item reference: <c>idx name?</c>; with a name, an export of a core instance.</summary>
    private uint ParseCoreItemRefRest(Namespace ns)
    {
        var idx = Next();
        if (Peek().Kind != TokenKind.String) return Resolve(idx, ns);
        var at = Peek();
        if (ns is not (Namespace.CoreFunc or Namespace.CoreTable or Namespace.CoreMemory or Namespace.CoreGlobal or Namespace.CoreTag))
            throw Error(idx, "core instances cannot export this kind of item, so an export name cannot be used to resolve this reference");
        uint instance = Resolve(idx, Namespace.CoreInstance);
        string name = ExpectName();
        return DefineAlias(Alias.CoreExport(ns.ToSort().Core, instance, name), at, null);
    }

    /// <summary><c>idx</c>, or <c>(kind idx name*)</c> (wasm-tools' <c>IndexOrRef</c>).</summary>
    private uint ParseIndexOrRef(string kind, Namespace ns)
    {
        if (AtIndex) return Resolve(Next(), ns);
        ExpectField(kind);
        uint index = ParseItemRefRest(ns);
        ExpectRParen();
        return index;
    }

    /// <summary>
    /// A core reference in canonical options and built-ins: <c>idx</c>, <c>(core kind idx "name"?)</c>, or with
    /// <paramref name="legacy"/> also <c>(kind idx "name"?)</c> without <c>core</c> (wasm-tools' <c>CorePrefixedRef</c>).
    /// </summary>
    private uint ParseCorePrefixedRef(string kind, Namespace ns, bool legacy)
    {
        if (AtIndex) return Resolve(Next(), ns);
        ExpectLParen();
        if (!(legacy && AtKeyword(kind))) ExpectKeyword("core");
        ExpectKeyword(kind);
        uint index = ParseCoreItemRefRest(ns);
        ExpectRParen();
        return index;
    }

    /// <summary>Inside <c>(memory …)</c>: <c>idx "name"?</c> or <c>(core memory idx "name"?)</c>.</summary>
    private uint ParseCorePrefixedContents(string kind, Namespace ns)
    {
        if (AtIndex) return ParseCoreItemRefRest(ns);
        ExpectLParen();
        ExpectKeyword("core");
        ExpectKeyword(kind);
        uint index = ParseCoreItemRefRest(ns);
        ExpectRParen();
        return index;
    }

    /// <summary>Whether the cursor is at <c>(kind idx</c> followed by <c>)</c> or a string (wasm-tools' item-ref peek).</summary>
    private bool AtItemRef(int ahead, string kind)
    {
        if (Peek(ahead).Kind != TokenKind.LParen || !Peek(ahead + 1).IsKeyword(kind)) return false;
        var idx = Peek(ahead + 2);
        if (!(idx.Kind == TokenKind.Id || (idx.Kind == TokenKind.Number && char.IsAsciiDigit(idx.Text[0])))) return false;
        var after = Peek(ahead + 3);
        return after.Kind is TokenKind.RParen or TokenKind.String;
    }

    // ---------------------------------------------------------------- names

    /// <summary>An import or export name: <c>"n"</c> or <c>(interface "n")</c>, then at most one each of
    /// <c>(implements "…")</c>, <c>(versionsuffix "…")</c>, <c>(external-id "…")</c>, in that order.</summary>
    private ExternName ParseExternName()
    {
        string name;
        if (AtField("interface"))
        {
            ExpectField("interface");
            name = ExpectName();
            ExpectRParen();
        }
        else
        {
            name = ExpectName();
        }
        string? implements = TryAttribute("implements");
        string? version = TryAttribute("versionsuffix");
        string? external = TryAttribute("external-id");
        bool any = implements is not null || version is not null || external is not null;
        return new ExternName(name) { Form = any ? (byte)0x02 : (byte)0x00, Implements = implements, VersionSuffix = version, ExternalId = external };
    }

    private string? TryAttribute(string keyword)
    {
        if (!AtField(keyword)) return null;
        ExpectField(keyword);
        string value = ExpectName();
        ExpectRParen();
        return value;
    }

    // (export "n") or (export (interface "n")) with nothing after the name.
    private bool AtInlineNameForm(string keyword)
    {
        if (!AtField(keyword)) return false;
        if (Peek(2).Kind == TokenKind.String) return Peek(3).Kind == TokenKind.RParen;
        return Peek(2).Kind == TokenKind.LParen && Peek(3).IsKeyword("interface") && Peek(4).Kind == TokenKind.String
            && Peek(5).Kind == TokenKind.RParen && Peek(6).Kind == TokenKind.RParen;
    }

    private List<(ExternName Name, Token At)> ParseInlineExportNames()
    {
        var names = new List<(ExternName, Token)>();
        while (AtInlineNameForm("export"))
        {
            var at = Peek();
            ExpectField("export");
            names.Add((ParseExternName(), at));
            ExpectRParen();
        }
        return names;
    }

    private ExternName? TryInlineImport()
    {
        if (!AtInlineNameForm("import")) return null;
        ExpectField("import");
        var name = ParseExternName();
        ExpectRParen();
        return name;
    }
}
