using Kiln.Component.Model;
using Kiln.Wasm.Text;
using Kiln.Wasm.Text.Lexing;

namespace Kiln.Component.Text.Parsing;

internal sealed partial class ComponentParser
{
    // (core module $id? (export "n")* (import "n") coretypeuse | field*)
    private void ParseCoreModule(ComponentBodyScope scope)
    {
        var open = Peek();
        ExpectLParen();
        ExpectKeyword("core");
        ExpectKeyword("module");
        var id = TryIdToken();
        var exports = ParseInlineExportNames();
        uint index;
        if (TryInlineImport() is { } import)
        {
            uint type = ParseCoreModuleTypeUse(open);
            index = Define(scope, new ComponentImport(import, new ExternType(ExternKind.Module, type)), Namespace.CoreModule, id);
        }
        else
        {
            int pos = Position;
            var module = WatParser.ParseModuleBody(Tokens, ref pos, id?.Text);
            Position = pos;
            scope.AddSection(new CoreModuleSection(module, ReadOnlyMemory<byte>.Empty));
            index = scope.Register(Namespace.CoreModule, id);
        }
        ExpectRParen();
        AppendInlineExports(scope, exports, Sort.OfCore(CoreSort.Module), index);
    }

    // (core instance $id? (instantiate m (with "n" (instance i | (instance export*)))*) | export*)
    private void ParseCoreInstance(ComponentBodyScope scope)
    {
        ExpectLParen();
        ExpectKeyword("core");
        ExpectKeyword("instance");
        var id = TryIdToken();
        CoreInstance instance;
        if (AtField("instantiate"))
        {
            ExpectField("instantiate");
            int moduleRef = Position;
            if (AtIndex) Next(); else SkipBalanced();
            // Bundles of exports become instances of their own before this one (wasm-tools expands them first).
            var args = new List<(int Start, string Name, uint? Bundle)>();
            while (AtField("with"))
            {
                int start = Position;
                ExpectField("with");
                string name = ExpectName();
                uint? bundle = null;
                if (!AtItemRef(0, "instance"))
                {
                    ExpectField("instance");
                    var exports = ParseCoreInlineExports();
                    ExpectRParen();
                    bundle = Define(scope, new CoreInlineExports(exports), Namespace.CoreInstance, null);
                }
                else
                {
                    SkipBalanced();
                }
                ExpectRParen();
                args.Add((start, name, bundle));
            }
            int end = Position;
            Position = moduleRef;
            uint module = ParseIndexOrRef("module", Namespace.CoreModule);
            var resolved = new List<CoreInstantiateArg>(args.Count);
            foreach (var (start, name, bundle) in args)
            {
                uint index = bundle ?? ResolveCoreInstanceArg(start);
                resolved.Add(new CoreInstantiateArg(name, CoreSort.Instance, index));
            }
            Position = end;
            ExpectRParen();
            instance = new CoreInstantiate(module, resolved);
        }
        else
        {
            instance = new CoreInlineExports(ParseCoreInlineExports());
        }
        ExpectRParen();
        Define(scope, instance, Namespace.CoreInstance, id);
    }

    // (with "n" (instance idx)) at 'start'.
    private uint ResolveCoreInstanceArg(int start)
    {
        Position = start;
        ExpectField("with");
        ExpectName();
        ExpectField("instance");
        uint index = ParseCoreItemRefRest(Namespace.CoreInstance);
        ExpectRParen();
        return index;
    }

    // (export "n" (sort idx "name"?))*
    private List<CoreInlineExport> ParseCoreInlineExports()
    {
        var exports = new List<CoreInlineExport>();
        while (AtField("export"))
        {
            ExpectField("export");
            string name = ExpectName();
            ExpectLParen();
            var kind = Next();
            if (kind.Kind != TokenKind.Keyword || !CoreExportSorts.TryGetValue(kind.Text, out var ns)) throw Unexpected(kind);
            uint index = ParseCoreItemRefRest(ns);
            ExpectRParen();
            ExpectRParen();
            exports.Add(new CoreInlineExport(name, ns.ToSort().Core, index));
        }
        return exports;
    }

    // (core func $id? (canon op …) | (alias core export i "n"))
    private void ParseCoreFunc(ComponentBodyScope scope)
    {
        ExpectLParen();
        ExpectKeyword("core");
        ExpectKeyword("func");
        var id = TryIdToken();
        ExpectLParen();
        var kw = Next();
        if (kw.IsKeyword("alias"))
        {
            ExpectKeyword("core");
            ExpectKeyword("export");
            uint instance = Resolve(Next(), Namespace.CoreInstance);
            string name = ExpectName();
            ExpectRParen();
            ExpectRParen();
            Define(scope, Alias.CoreExport(CoreSort.Func, instance, name), Namespace.CoreFunc, id);
            return;
        }
        if (!kw.IsKeyword("canon")) throw Unexpected(kw);
        var op = Next();
        if (op.IsKeyword("lift")) throw Error(op, "canon lift defines a component function, not a core function");
        var canon = ParseCanonBuiltin(op);
        ExpectRParen();
        ExpectRParen();
        Define(scope, canon, Namespace.CoreFunc, id);
    }

    // (func $id? (export "n")* ((import "n") typeuse | (alias export i "n") | typeuse (canon lift …)))
    private void ParseFunc(ComponentBodyScope scope)
    {
        var open = Peek();
        ExpectField("func");
        var id = TryIdToken();
        var exports = ParseInlineExportNames();
        uint index;
        if (TryInlineImport() is { } import)
        {
            uint type = ParseFuncTypeUse(open);
            index = Define(scope, new ComponentImport(import, new ExternType(ExternKind.Func, type)), Namespace.Func, id);
        }
        else if (AtField("alias"))
        {
            ExpectField("alias");
            ExpectKeyword("export");
            uint instance = Resolve(Next(), Namespace.Instance);
            string name = ExpectName();
            ExpectRParen();
            index = Define(scope, Alias.Export(Sort.Func, instance, name), Namespace.Func, id);
        }
        else
        {
            uint type = ParseFuncTypeUse(open);
            ExpectField("canon");
            ExpectKeyword("lift");
            var lift = ParseLiftRest(type);
            ExpectRParen();
            index = Define(scope, lift, Namespace.Func, id);
        }
        ExpectRParen();
        AppendInlineExports(scope, exports, Sort.Func, index);
    }

    // (component $id? (export "n")* ((import "n") typeuse | field*))
    private void ParseNestedComponent(ComponentBodyScope scope)
    {
        var open = Peek();
        ExpectField("component");
        var id = TryIdToken();
        var exports = ParseInlineExportNames();
        uint index;
        if (TryInlineImport() is { } import)
        {
            uint type = ParseComponentTypeUse(open, isComponent: true);
            index = Define(scope, new ComponentImport(import, new ExternType(ExternKind.Component, type)), Namespace.Component, id);
        }
        else
        {
            var nested = ParseBody(id?.Text);
            scope.AddSection(new NestedComponentSection(nested));
            index = scope.Register(Namespace.Component, id);
        }
        ExpectRParen();
        AppendInlineExports(scope, exports, Sort.Component, index);
    }

    // (instance $id? (export "n")* ((import "n") typeuse | (instantiate c arg*) | export*))
    private void ParseInstance(ComponentBodyScope scope)
    {
        var open = Peek();
        ExpectField("instance");
        var id = TryIdToken();
        var exports = ParseInlineExportNames();
        uint index;
        if (TryInlineImport() is { } import)
        {
            uint type = ParseComponentTypeUse(open, isComponent: false);
            index = Define(scope, new ComponentImport(import, new ExternType(ExternKind.Instance, type)), Namespace.Instance, id);
        }
        else if (AtField("instantiate"))
        {
            ExpectField("instantiate");
            int componentRef = Position;
            if (AtIndex) Next(); else SkipBalanced();
            var args = new List<(int Start, string Name, uint? Bundle)>();
            while (AtField("with"))
            {
                int start = Position;
                ExpectField("with");
                string name = ExpectName();
                uint? bundle = null;
                if (AtField("instance") && !AtExportKindRef())
                {
                    ExpectField("instance");
                    var bundleExports = ParseInlineExportBundle();
                    ExpectRParen();
                    bundle = Define(scope, new ComponentInlineExports(bundleExports), Namespace.Instance, null);
                }
                else
                {
                    SkipBalanced();
                }
                ExpectRParen();
                args.Add((start, name, bundle));
            }
            int end = Position;
            Position = componentRef;
            uint component = ParseIndexOrRef("component", Namespace.Component);
            var resolved = new List<InstantiateArg>(args.Count);
            foreach (var (start, name, bundle) in args)
            {
                if (bundle is { } b)
                {
                    resolved.Add(new InstantiateArg(name, new SortIndex(Sort.Instance, b)));
                    continue;
                }
                Position = start;
                ExpectField("with");
                ExpectName();
                resolved.Add(new InstantiateArg(name, ParseExportKind()));
                ExpectRParen();
            }
            Position = end;
            ExpectRParen();
            index = Define(scope, new ComponentInstantiate(component, resolved), Namespace.Instance, id);
        }
        else
        {
            index = Define(scope, new ComponentInlineExports(ParseInlineExportBundle()), Namespace.Instance, id);
        }
        ExpectRParen();
        AppendInlineExports(scope, exports, Sort.Instance, index);
    }

    // (instance idx …) as an instantiation argument, as opposed to (instance (export …)*).
    private bool AtExportKindRef()
    {
        var idx = Peek(2);
        return idx.Kind == TokenKind.Id || (idx.Kind == TokenKind.Number && char.IsAsciiDigit(idx.Text[0]));
    }

    // (export $id? "n" kind)* inside an instance made of exports (the id and a type ascription define nothing there).
    private List<InlineExport> ParseInlineExportBundle()
    {
        var exports = new List<InlineExport>();
        while (AtField("export"))
        {
            ExpectField("export");
            TryIdToken();
            var name = ParseExternName();
            var item = ParseExportKind();
            if (AtLParen) throw Error(Peek(), "a type ascription is not allowed on an export of an instance made of exports");
            ExpectRParen();
            exports.Add(new InlineExport(name, item));
        }
        return exports;
    }

    /// <summary><c>(core module idx name*)</c>, <c>(func …)</c>, <c>(value …)</c>, <c>(type …)</c>, <c>(component …)</c>, <c>(instance …)</c>.</summary>
    private SortIndex ParseExportKind()
    {
        ExpectLParen();
        var kw = Next();
        Namespace ns;
        if (kw.IsKeyword("core"))
        {
            ExpectKeyword("module");
            ns = Namespace.CoreModule;
        }
        else if (kw.Kind != TokenKind.Keyword || !ComponentSorts.TryGetValue(kw.Text, out ns))
        {
            throw Unexpected(kw);
        }
        uint index = ParseItemRefRest(ns);
        ExpectRParen();
        return new SortIndex(ns.ToSort(), index);
    }

    // (alias export i "n" (sort $id?)) | (alias core export i "n" (core sort $id?)) | (alias outer c i (sort $id?))
    private void ParseAliasField()
    {
        var open = Peek();
        ExpectField("alias");
        var kw = Next();
        Alias alias;
        Token? id;
        if (kw.IsKeyword("export"))
        {
            uint instance = Resolve(Next(), Namespace.Instance);
            string name = ExpectName();
            ExpectLParen();
            var ns = ParseExportAliasSort();
            id = TryIdToken();
            ExpectRParen();
            alias = Alias.Export(ns.ToSort(), instance, name);
        }
        else if (kw.IsKeyword("core"))
        {
            ExpectKeyword("export");
            uint instance = Resolve(Next(), Namespace.CoreInstance);
            string name = ExpectName();
            ExpectLParen();
            ExpectKeyword("core");
            var sort = Next();
            if (sort.Kind != TokenKind.Keyword || !CoreExportSorts.TryGetValue(sort.Text, out var ns)) throw Unexpected(sort);
            id = TryIdToken();
            ExpectRParen();
            alias = Alias.CoreExport(ns.ToSort().Core, instance, name);
        }
        else if (kw.IsKeyword("outer"))
        {
            var outer = Next();
            var target = Next();
            ExpectLParen();
            var ns = ParseOuterAliasSort();
            id = TryIdToken();
            ExpectRParen();
            alias = ResolveOuterAlias(outer, target, ns);
        }
        else
        {
            throw Unexpected(kw);
        }
        ExpectRParen();
        DefineAlias(alias, open, id);
    }

    private Namespace ParseExportAliasSort()
    {
        var kw = Next();
        if (kw.IsKeyword("core"))
        {
            ExpectKeyword("module");
            return Namespace.CoreModule;
        }
        if (kw.Kind == TokenKind.Keyword && ComponentSorts.TryGetValue(kw.Text, out var ns)) return ns;
        throw Unexpected(kw);
    }

    private Namespace ParseOuterAliasSort()
    {
        var kw = Next();
        if (kw.IsKeyword("core"))
        {
            var k = Next();
            if (k.IsKeyword("module")) return Namespace.CoreModule;
            if (k.IsKeyword("type")) return Namespace.CoreType;
            throw Unexpected(k);
        }
        if (kw.IsKeyword("type")) return Namespace.Type;
        if (kw.IsKeyword("component")) return Namespace.Component;
        throw Unexpected(kw);
    }

    /// <summary><c>outer</c> names an enclosing scope by <c>$id</c> or by count; the index is looked up there.</summary>
    private Alias ResolveOuterAlias(Token outer, Token target, Namespace ns)
    {
        // Both numeric: kept as written, so the validator reports a bad count or index (as wasm-tools leaves it).
        if (outer.Kind == TokenKind.Number && target.Kind == TokenKind.Number) return Alias.Outer(ns.ToSort(), ParseU32(outer), ParseU32(target));
        uint depth;
        if (outer.Kind == TokenKind.Id)
        {
            int d = 0;
            while (d < _scopes.Count && _scopes[^(d + 1)].Id != outer.Text) d++;
            if (d == _scopes.Count) throw Error(outer, $"outer component `{outer.Text[1..]}` not found");
            depth = (uint)d;
        }
        else
        {
            depth = ParseU32(outer);
        }
        if (depth >= _scopes.Count) throw Error(outer, $"outer count of `{depth}` is too large");
        uint index;
        if (target.Kind == TokenKind.Id)
        {
            if (!_scopes[^((int)depth + 1)].TryGet(ns, target.Text, out index))
                throw Error(target, $"unknown {ns.Describe()}: failed to find name `{target.Text}`");
        }
        else
        {
            index = ParseU32(target);
        }
        return Alias.Outer(ns.ToSort(), depth, index);
    }

    // (import "n" itemsig)
    private void ParseImport()
    {
        var open = Peek();
        ExpectField("import");
        var name = ParseExternName();
        var (type, ns, id) = ParseItemSig(allowId: true);
        ExpectRParen();
        switch (Current)
        {
            case ComponentBodyScope scope:
                scope.Add(new ComponentImport(name, type));
                break;
            case TypeDeclScope { IsComponentType: true } decls:
                decls.Declarations.Add(new ImportDeclaration(name, type));
                break;
            default:
                throw Error(open, "an import is not allowed in an instance type");
        }
        Current.Register(ns, id);
    }

    // (export $id? "n" kind ascription?)
    private void ParseExport(ComponentBodyScope scope)
    {
        ExpectField("export");
        var id = TryIdToken();
        var name = ParseExternName();
        // wasm-tools expands and resolves the type ascription before the exported item.
        int kindAt = Position;
        SkipBalanced();
        ExternType? ascribed = null;
        if (AtLParen) ascribed = ParseItemSig(allowId: false).Type;
        int end = Position;
        Position = kindAt;
        var item = ParseExportKind();
        Position = end;
        ExpectRParen();
        Define(scope, new ComponentExport(name, item, ascribed), Namespaces.Of(item.Sort), id);
    }

    // (start f (value v name*)* (result (value $id?))*)
    private void ParseStart(ComponentBodyScope scope)
    {
        ExpectField("start");
        uint func = Resolve(Next(), Namespace.Func);
        var args = new List<uint>();
        while (AtLParen && !Peek(1).IsKeyword("result"))
        {
            ExpectField("value");
            args.Add(ParseItemRefRest(Namespace.Value));
            ExpectRParen();
        }
        var results = new List<Token?>();
        while (AtField("result"))
        {
            ExpectField("result");
            ExpectField("value");
            results.Add(TryIdToken());
            ExpectRParen();
            ExpectRParen();
        }
        ExpectRParen();
        scope.AddSection(new StartSection(new ComponentStart(func, args, (uint)results.Count)));
        foreach (var r in results) scope.Register(Namespace.Value, r);
    }
}
