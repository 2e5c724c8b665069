using Kiln.Component.Wit.Model;
using Kiln.Component.Wit.Syntax;

namespace Kiln.Component.Wit.Parsing;

/// <summary>
/// Recursive-descent parser of one <c>.wit</c> file into its syntax tree (WIT.md's grammar: package declaration,
/// nested packages, top-level <c>use</c>, interfaces, worlds, gates, every type). Names are not resolved here;
/// <see cref="Resolution.WitResolver"/> does that. Errors are <see cref="WitException"/>s of kind
/// <see cref="WitErrorKind.Syntax"/> (or <see cref="WitErrorKind.BadVersion"/>) at the offending token.
/// </summary>
public sealed class WitParser
{
    private readonly WitLexer _lexer;
    private WitToken _tok;

    private WitParser(string text, string file)
    {
        _lexer = new WitLexer(text, file);
        _tok = _lexer.Next();
    }

    /// <summary>Parses <paramref name="text"/>; <paramref name="file"/> is the name errors give.</summary>
    public static WitFileSyntax Parse(string text, string file = "<input>") => new WitParser(text, file).ParseFile(file);

    private WitToken Advance()
    {
        var t = _tok;
        _tok = _lexer.Next();
        return t;
    }

    private bool Eat(string op)
    {
        if (!_tok.Is(op)) return false;
        Advance();
        return true;
    }

    private WitException Unexpected(string expected) =>
        new(WitErrorKind.Syntax, $"expected {expected}, found {_tok.Describe()}", _tok.Location);

    private WitToken Expect(string op) => _tok.Is(op) ? Advance() : throw Unexpected($"`{op}`");

    private (string Name, WitLocation At) Id()
    {
        if (_tok.Kind != WitTokenKind.Id) throw Unexpected("an identifier");
        var t = Advance();
        return (t.Text, t.Location);
    }

    // ---- file and packages ----

    private WitFileSyntax ParseFile(string file)
    {
        var f = new WitFileSyntax(file);
        if (_tok.Is("package"))
        {
            string? docs = _tok.Docs;
            var name = PackageName();
            if (_tok.Is("{"))
            {
                f.Nested.Add(NestedBody(name, docs));
            }
            else
            {
                Expect(";");
                f.Package = name;
                f.PackageDocs = docs;
            }
        }
        while (_tok.Kind != WitTokenKind.End)
        {
            if (_tok.Is("package"))
            {
                string? docs = _tok.Docs;
                var name = PackageName();
                f.Nested.Add(NestedBody(name, docs));
                continue;
            }
            f.Items.Add(TopLevelItem());
        }
        return f;
    }

    private NestedPackageSyntax NestedBody(PackageNameSyntax name, string? docs)
    {
        Expect("{");
        var items = new List<TopLevelItemSyntax>();
        while (!Eat("}"))
        {
            if (_tok.Kind == WitTokenKind.End) throw Unexpected("`}`");
            items.Add(TopLevelItem());
        }
        return new NestedPackageSyntax(name, docs, items);
    }

    /// <summary><c>package ns:name@version</c> (the keyword is the current token).</summary>
    private PackageNameSyntax PackageName()
    {
        var at = Expect("package").Location;
        var (ns, _) = Id();
        Expect(":");
        var (name, _) = Id();
        // 🪺 nested namespaces and packages: ns:a:b and ns:a/b are accepted by the grammar, kept as written.
        while (_tok.Is(":") || _tok.Is("/"))
        {
            string sep = Advance().Text;
            var (more, _) = Id();
            if (sep == ":") { ns = $"{ns}:{name}"; name = more; }
            else name = $"{name}/{more}";
        }
        var version = _tok.Is("@") ? Version() : null;
        return new PackageNameSyntax(new WitPackageName(ns, name, version), at);
    }

    /// <summary><c>@</c> then a semver version.</summary>
    private WitVersion Version()
    {
        _lexer.Reset(_tok);
        _lexer.Next(); // the '@'
        var v = ReadVersion();
        _tok = _lexer.Next();
        return v;
    }

    private WitVersion ReadVersion()
    {
        var (text, at) = _lexer.ReadVersionText();
        return WitVersion.TryParse(text) ?? throw new WitException(WitErrorKind.BadVersion,
            text.Length == 0 ? "expected a version" : $"invalid semver version `{text}`", at);
    }

    private TopLevelItemSyntax TopLevelItem()
    {
        string? docs = _tok.Docs;
        var gate = Gate();
        docs ??= _tok.Docs;
        if (_tok.Is("interface"))
        {
            var at = Advance().Location;
            var (name, _) = Id();
            return new InterfaceSyntax(name, docs, gate, InterfaceBody(), at);
        }
        if (_tok.Is("world"))
        {
            var at = Advance().Location;
            var (name, _) = Id();
            return new WorldSyntax(name, docs, gate, WorldBody(), at);
        }
        if (_tok.Is("use"))
        {
            var at = Advance().Location;
            var path = UsePath();
            string name = path.Interface;
            if (Eat("as")) name = Id().Name;
            Expect(";");
            return new TopLevelUseSyntax(path, name, at);
        }
        throw Unexpected("`world`, `interface` or `use`");
    }

    /// <summary><c>id</c> or <c>ns:pkg/id@version</c>.</summary>
    private UsePathSyntax UsePath()
    {
        var (first, at) = Id();
        if (!_tok.Is(":")) return new UsePathSyntax(null, first, at);
        Advance();
        var (pkg, _) = Id();
        string ns = first;
        while (_tok.Is(":")) { Advance(); ns = $"{ns}:{pkg}"; pkg = Id().Name; }
        Expect("/");
        var (iface, _) = Id();
        while (_tok.Is("/")) { Advance(); pkg = $"{pkg}/{iface}"; iface = Id().Name; }
        var version = _tok.Is("@") ? Version() : null;
        return new UsePathSyntax(new PackageNameSyntax(new WitPackageName(ns, pkg, version), at), iface, at);
    }

    // ---- gates ----

    /// <summary>Zero or more of <c>@since(version = v)</c>, <c>@unstable(feature = f)</c>, <c>@deprecated(version = v)</c>.</summary>
    private GateSyntax Gate()
    {
        WitVersion? since = null, deprecated = null;
        string? feature = null;
        WitLocation? first = null;
        while (_tok.Is("@"))
        {
            var at = _tok.Location;
            // `@external-id` is not a gate: leave it to the caller.
            var save = _tok;
            Advance();
            if (_tok.Kind != WitTokenKind.Id) throw Unexpected("`since`, `unstable` or `deprecated`");
            if (_tok.Text == "external-id") { _lexer.Reset(save); _tok = _lexer.Next(); break; }
            first ??= at;
            var (kind, kindAt) = Id();
            Expect("(");
            switch (kind)
            {
                case "since":
                case "deprecated":
                    var field = Id();
                    if (field.Name != "version") throw new WitException(WitErrorKind.Syntax, $"expected `version`, found `{field.Name}`", field.At);
                    if (!_tok.Is("=")) throw Unexpected("`=`");
                    _lexer.Reset(_tok);
                    _lexer.Next();
                    var v = ReadVersion();
                    _tok = _lexer.Next();
                    if (kind == "since") since = v; else deprecated = v;
                    break;
                case "unstable":
                    var f = Id();
                    if (f.Name != "feature") throw new WitException(WitErrorKind.Syntax, $"expected `feature`, found `{f.Name}`", f.At);
                    Expect("=");
                    feature = Id().Name;
                    break;
                default:
                    throw new WitException(WitErrorKind.Syntax, $"unknown attribute `@{kind}`", kindAt);
            }
            Expect(")");
        }
        if (since is not null && feature is not null)
            throw new WitException(WitErrorKind.Invalid, "an item cannot be both `@since` and `@unstable`", first!.Value);
        if (deprecated is not null && since is null && feature is null)
            throw new WitException(WitErrorKind.Invalid, "`@deprecated` must be paired with `@since` or `@unstable`", first!.Value);
        return first is null ? GateSyntax.None : new GateSyntax(new WitStability(since, feature, deprecated), first);
    }

    /// <summary><c>@external-id("…")</c> (🏷️), if present.</summary>
    private string? ExternalId()
    {
        if (!_tok.Is("@")) return null;
        Advance();
        var (name, at) = Id();
        if (name != "external-id") throw new WitException(WitErrorKind.Syntax, $"unknown attribute `@{name}`", at);
        Expect("(");
        if (_tok.Kind != WitTokenKind.String) throw Unexpected("a string");
        string id = Advance().Text;
        Expect(")");
        return id;
    }

    // ---- interfaces ----

    private List<InterfaceItemSyntax> InterfaceBody()
    {
        Expect("{");
        var items = new List<InterfaceItemSyntax>();
        while (!Eat("}"))
        {
            if (_tok.Kind == WitTokenKind.End) throw Unexpected("`}`");
            items.Add(InterfaceItem());
        }
        return items;
    }

    private InterfaceItemSyntax InterfaceItem()
    {
        string? docs = _tok.Docs;
        var gate = Gate();
        docs ??= _tok.Docs;
        ExternalId();
        docs ??= _tok.Docs;
        if (_tok.Is("use")) return Use(gate);
        if (TypeDecl(docs, gate) is { } decl) return decl;
        if (_tok.Kind == WitTokenKind.Id)
        {
            var (name, at) = Id();
            Expect(":");
            var f = FuncType();
            Expect(";");
            return new FuncSyntax(name, f, docs, gate, at);
        }
        throw Unexpected("`type`, `resource`, `record`, `variant`, `enum`, `flags`, `use` or a function");
    }

    private UseSyntax Use(GateSyntax gate)
    {
        var at = Expect("use").Location;
        var path = UsePath();
        Expect(".");
        Expect("{");
        var names = new List<UseNameSyntax>();
        do
        {
            if (_tok.Is("}")) break;
            var (name, nameAt) = Id();
            string? alias = Eat("as") ? Id().Name : null;
            names.Add(new UseNameSyntax(name, alias, nameAt));
        } while (Eat(","));
        Expect("}");
        Expect(";");
        if (names.Count == 0) throw new WitException(WitErrorKind.Syntax, "a `use` must name at least one type", at);
        return new UseSyntax(path, names, gate, at);
    }

    private TypeDeclSyntax? TypeDecl(string? docs, GateSyntax gate)
    {
        if (_tok.Kind != WitTokenKind.Keyword) return null;
        switch (_tok.Text)
        {
            case "type":
            {
                var at = Advance().Location;
                var (name, _) = Id();
                Expect("=");
                var ty = Type();
                Expect(";");
                return new TypeDeclSyntax(name, new AliasBody(ty), docs, gate, at);
            }
            case "record":
            {
                var at = Advance().Location;
                var (name, _) = Id();
                var fields = Braced(() =>
                {
                    string? d = _tok.Docs;
                    var (fname, fat) = Id();
                    Expect(":");
                    return new NamedTypeSyntax(fname, Type(), d, fat);
                });
                return new TypeDeclSyntax(name, new RecordBody(fields), docs, gate, at);
            }
            case "variant":
            {
                var at = Advance().Location;
                var (name, _) = Id();
                var cases = Braced(() =>
                {
                    string? d = _tok.Docs;
                    var (cname, cat) = Id();
                    TypeSyntax? payload = null;
                    if (Eat("(")) { payload = Type(); Expect(")"); }
                    return new CaseSyntax(cname, payload, d, cat);
                });
                if (cases.Count == 0) throw new WitException(WitErrorKind.Invalid, "empty variant", at);
                return new TypeDeclSyntax(name, new VariantBody(cases), docs, gate, at);
            }
            case "enum":
            case "flags":
            {
                bool isEnum = _tok.Text == "enum";
                var at = Advance().Location;
                var (name, _) = Id();
                var cases = Braced(() =>
                {
                    string? d = _tok.Docs;
                    var (cname, cat) = Id();
                    return new CaseSyntax(cname, null, d, cat);
                });
                if (isEnum && cases.Count == 0) throw new WitException(WitErrorKind.Invalid, "empty enum", at);
                return new TypeDeclSyntax(name, isEnum ? new EnumBody(cases) : new FlagsBody(cases), docs, gate, at);
            }
            case "resource":
            {
                var at = Advance().Location;
                var (name, _) = Id();
                var funcs = new List<ResourceFuncSyntax>();
                if (!Eat(";"))
                {
                    Expect("{");
                    while (!Eat("}"))
                    {
                        if (_tok.Kind == WitTokenKind.End) throw Unexpected("`}`");
                        funcs.Add(ResourceFunc());
                    }
                }
                return new TypeDeclSyntax(name, new ResourceBody(funcs), docs, gate, at);
            }
        }
        return null;
    }

    private ResourceFuncSyntax ResourceFunc()
    {
        string? docs = _tok.Docs;
        var gate = Gate();
        docs ??= _tok.Docs;
        ExternalId();
        docs ??= _tok.Docs;
        if (_tok.Is("constructor"))
        {
            var at = Advance().Location;
            var ps = Params();
            TypeSyntax? result = Eat("->") ? Type() : null;
            Expect(";");
            return new ResourceFuncSyntax(WitFunctionKind.Constructor, "constructor", new FuncTypeSyntax(false, ps, result, at), docs, gate, at);
        }
        var (name, nameAt) = Id();
        Expect(":");
        var kind = Eat("static") ? WitFunctionKind.Static : WitFunctionKind.Method;
        var f = FuncType();
        Expect(";");
        return new ResourceFuncSyntax(kind, name, f, docs, gate, nameAt);
    }

    /// <summary><c>{ a, b, }</c>: items separated by commas, a trailing comma allowed.</summary>
    private List<T> Braced<T>(Func<T> item)
    {
        Expect("{");
        var list = new List<T>();
        while (!_tok.Is("}"))
        {
            list.Add(item());
            if (!Eat(",")) break;
        }
        Expect("}");
        return list;
    }

    private FuncTypeSyntax FuncType()
    {
        bool async = Eat("async");
        var at = Expect("func").Location;
        var ps = Params();
        TypeSyntax? result = Eat("->") ? Type() : null;
        return new FuncTypeSyntax(async, ps, result, at);
    }

    private List<NamedTypeSyntax> Params()
    {
        Expect("(");
        var ps = new List<NamedTypeSyntax>();
        while (!_tok.Is(")"))
        {
            var (name, at) = Id();
            Expect(":");
            ps.Add(new NamedTypeSyntax(name, Type(), null, at));
            if (!Eat(",")) break;
        }
        Expect(")");
        return ps;
    }

    // ---- types ----

    private TypeSyntax Type()
    {
        var at = _tok.Location;
        if (_tok.Kind == WitTokenKind.Id) return new NameTypeSyntax(Advance().Text, at);
        if (_tok.Kind != WitTokenKind.Keyword) throw Unexpected("a type");
        int prim = Array.IndexOf(WitType.PrimitiveNames, _tok.Text);
        if (prim >= 0) { Advance(); return new PrimitiveTypeSyntax((WitPrimitive)prim, at); }
        string kw = Advance().Text;
        switch (kw)
        {
            case "list":
            {
                Expect("<");
                var elem = Type();
                uint? len = null;
                if (Eat(","))
                {
                    if (_tok.Kind != WitTokenKind.Integer) throw Unexpected("a list length");
                    var lt = Advance();
                    if (!uint.TryParse(lt.Text, out uint n) || n == 0)
                        throw new WitException(WitErrorKind.Invalid, "a fixed-length list needs a length from 1 to 4294967295", lt.Location);
                    len = n;
                }
                Expect(">");
                return new ListTypeSyntax(elem, len, at);
            }
            case "map":
            {
                Expect("<");
                var k = Type();
                Expect(",");
                var v = Type();
                Expect(">");
                return new MapTypeSyntax(k, v, at);
            }
            case "option":
            {
                Expect("<");
                var t = Type();
                Expect(">");
                return new OptionTypeSyntax(t, at);
            }
            case "result":
            {
                if (!Eat("<")) return new ResultTypeSyntax(null, null, at);
                TypeSyntax? ok = Eat("_") ? null : Type();
                TypeSyntax? err = null;
                if (ok is null) { Expect(","); err = Type(); }
                else if (Eat(",")) err = Type();
                Expect(">");
                return new ResultTypeSyntax(ok, err, at);
            }
            case "tuple":
            {
                Expect("<");
                var ts = new List<TypeSyntax>();
                while (!_tok.Is(">"))
                {
                    ts.Add(Type());
                    if (!Eat(",")) break;
                }
                Expect(">");
                return new TupleTypeSyntax(ts, at);
            }
            case "own":
            case "borrow":
            {
                bool borrow = kw == "borrow";
                Expect("<");
                var (name, _) = Id();
                Expect(">");
                return new HandleTypeSyntax(borrow, name, at);
            }
            case "future":
            case "stream":
            {
                bool future = kw == "future";
                TypeSyntax? t = null;
                if (Eat("<")) { t = Type(); Expect(">"); }
                return future ? new FutureTypeSyntax(t, at) : new StreamTypeSyntax(t, at);
            }
        }
        throw new WitException(WitErrorKind.Syntax, "expected a type", at);
    }

    // ---- worlds ----

    private List<WorldItemSyntax> WorldBody()
    {
        Expect("{");
        var items = new List<WorldItemSyntax>();
        while (!Eat("}"))
        {
            if (_tok.Kind == WitTokenKind.End) throw Unexpected("`}`");
            items.Add(WorldItem());
        }
        return items;
    }

    private WorldItemSyntax WorldItem()
    {
        string? docs = _tok.Docs;
        var gate = Gate();
        docs ??= _tok.Docs;
        string? externalId = ExternalId();
        docs ??= _tok.Docs;
        if (_tok.Is("import") || _tok.Is("export"))
        {
            bool isImport = _tok.Text == "import";
            var at = Advance().Location;
            var firstTok = _tok;
            var (first, firstAt) = Id();
            if (_tok.Is(":") && !LooksLikePackagePath())
            {
                Advance();
                if (_tok.Is("func") || _tok.Is("async"))
                {
                    var f = FuncType();
                    Expect(";");
                    return new ExternSyntax(isImport, first, null, f, null, externalId, docs, gate, firstAt);
                }
                if (Eat("interface"))
                    return new ExternSyntax(isImport, first, null, null, InterfaceBody(), externalId, docs, gate, firstAt);
                var named = UsePath();
                Expect(";");
                return new ExternSyntax(isImport, first, named, null, null, externalId, docs, gate, firstAt);
            }
            _lexer.Reset(firstTok);
            _tok = _lexer.Next();
            var path = UsePath();
            Expect(";");
            return new ExternSyntax(isImport, null, path, null, null, externalId, docs, gate, at);
        }
        if (_tok.Is("include"))
        {
            var at = Advance().Location;
            var path = UsePath();
            var with = new List<IncludeNameSyntax>();
            if (Eat("with"))
            {
                with = Braced(() =>
                {
                    var (n, nat) = Id();
                    Expect("as");
                    return new IncludeNameSyntax(n, Id().Name, nat);
                });
                Eat(";"); // the grammar ends `with { … }` without one; wit-parser accepts both
            }
            else Expect(";");
            return new IncludeSyntax(path, with, gate, at);
        }
        if (_tok.Is("use")) return new WorldTypeItemSyntax(Use(gate));
        if (TypeDecl(docs, gate) is { } decl) return new WorldTypeItemSyntax(decl);
        throw Unexpected("`import`, `export`, `include`, `use` or a type");
    }

    /// <summary>After <c>import a</c> at a <c>:</c>: whether <c>a:b/…</c> (a package path) follows rather than <c>a: type</c>.
    /// WIT.md lexes <c>a:b</c> as one token for this reason; here: a path's <c>:</c> is followed by an id and then
    /// <c>/</c> or another <c>:</c>, with no space after the colon.</summary>
    private bool LooksLikePackagePath()
    {
        var colon = _tok;
        var next = _lexer.Next();
        bool path = next.Kind == WitTokenKind.Id && next.Start == colon.End;
        if (path)
        {
            var after = _lexer.Next();
            path = after.Is("/") || after.Is(":");
        }
        _lexer.Reset(colon);
        _tok = _lexer.Next();
        return path;
    }
}
