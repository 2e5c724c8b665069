using Kiln.Component.Model;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text;
using Kiln.Wasm.Text.Lexing;

namespace Kiln.Component.Text.Parsing;

internal sealed partial class ComponentParser
{
    // (type $id? (export "n")* typedef)
    private void ParseTypeField(bool allowInlineExports)
    {
        var open = Peek();
        ExpectField("type");
        var id = TryIdToken();
        var exports = allowInlineExports ? ParseInlineExportNames() : [];
        var def = ParseTypeDefinition(id);
        ExpectRParen();
        uint index = DefineType(def, open, id);
        if (exports.Count > 0) AppendInlineExports(RequireComponent(open, "an inline export"), exports, Sort.Type, index);
    }

    /// <summary>A primitive keyword, or <c>(func …)</c>, <c>(component …)</c>, <c>(instance …)</c>, <c>(resource …)</c>, or a defined value type.</summary>
    private TypeDefinition ParseTypeDefinition(Token? scopeId)
    {
        if (!AtLParen)
        {
            var t = Next();
            if (t.Kind == TokenKind.Keyword && TryPrimitive(t.Text, out var p)) return new PrimitiveDefinedType(p);
            throw Unexpected(t);
        }
        var kw = Peek(1);
        switch (kw.Kind == TokenKind.Keyword ? kw.Text : "")
        {
            case "func":
                {
                    ExpectField("func");
                    var f = ParseFuncTypeBody();
                    ExpectRParen();
                    return f;
                }
            case "component":
            case "instance":
                {
                    var open = Peek();
                    Position += 2;
                    var decls = ParseTypeDeclarations(open, scopeId?.Text, kw.Text == "component");
                    ExpectRParen();
                    return kw.Text == "component" ? new ComponentTypeDefinition(decls) : new InstanceTypeDefinition(decls);
                }
            case "resource":
                {
                    ExpectField("resource");
                    ExpectField("rep");
                    int pos = Position;
                    var rep = WatParser.ParseValType(Tokens, ref pos);
                    Position = pos;
                    ExpectRParen();
                    uint? dtor = null;
                    if (AtField("dtor"))
                    {
                        ExpectField("dtor");
                        dtor = ParseCorePrefixedRef("func", Namespace.CoreFunc, legacy: true);
                        ExpectRParen();
                    }
                    ExpectRParen();
                    return new ResourceTypeDefinition(rep, dtor);
                }
            default:
                return ParseDefinedTypeInParens();
        }
    }

    private static bool TryPrimitive(string keyword, out PrimValType p)
    {
        // wasm-tools still reads the old spellings of f32 and f64.
        if (keyword == "float32") { p = PrimValType.F32; return true; }
        if (keyword == "float64") { p = PrimValType.F64; return true; }
        return PrimValTypes.TryParse(keyword, out p);
    }

    /// <summary><c>async? (param "l" t)* (result t)?</c>.</summary>
    private ComponentFuncType ParseFuncTypeBody()
    {
        bool isAsync = false;
        if (AtKeyword("async"))
        {
            Next();
            isAsync = true;
        }
        var ps = new List<LabeledType>();
        while (AtField("param"))
        {
            ExpectField("param");
            string label = ExpectName();
            ps.Add(new LabeledType(label, ParseValType()));
            ExpectRParen();
        }
        ComponentValType? result = null;
        if (AtField("result"))
        {
            ExpectField("result");
            result = ParseValType();
            ExpectRParen();
        }
        return new ComponentFuncType(ps, result, isAsync);
    }

    /// <summary>A value type: an index, a primitive, or an inline defined type, which becomes a fresh type definition (never shared, as in wasm-tools).</summary>
    private ComponentValType ParseValType()
    {
        var t = Peek();
        if (AtIndex) return ComponentValType.Ref(Resolve(Next(), Namespace.Type));
        if (t.Kind == TokenKind.Keyword && TryPrimitive(t.Text, out var p))
        {
            Next();
            return ComponentValType.Of(p);
        }
        if (t.Kind != TokenKind.LParen) throw Unexpected(t);
        var def = ParseDefinedTypeInParens();
        return ComponentValType.Ref(DefineType(def, t));
    }

    private DefinedType ParseDefinedTypeInParens()
    {
        var open = Peek();
        EnterNesting(open);
        ExpectLParen();
        var kw = Next();
        DefinedType def;
        switch (kw.Kind == TokenKind.Keyword ? kw.Text : "")
        {
            case "record":
                {
                    var fields = new List<LabeledType>();
                    while (AtField("field"))
                    {
                        ExpectField("field");
                        string name = ExpectName();
                        fields.Add(new LabeledType(name, ParseValType()));
                        ExpectRParen();
                    }
                    def = new RecordType(fields);
                    break;
                }
            case "variant":
                {
                    var cases = new List<VariantCase>();
                    var ids = new HashSet<string>(StringComparer.Ordinal);
                    while (AtField("case"))
                    {
                        ExpectField("case");
                        if (TryIdToken() is { } id && !ids.Add(id.Text)) throw Error(id, "duplicate variant case identifier");
                        string name = ExpectName();
                        ComponentValType? payload = AtRParen ? null : ParseValType();
                        ExpectRParen();
                        cases.Add(new VariantCase(name, payload));
                    }
                    def = new VariantType(cases);
                    break;
                }
            case "list":
                {
                    var element = ParseValType();
                    def = Peek().Kind == TokenKind.Number ? new FixedListType(element, ExpectU32()) : new ListType(element);
                    break;
                }
            case "map":
                {
                    var key = ParseValType();
                    def = new MapType(key, ParseValType());
                    break;
                }
            case "tuple":
                {
                    var types = new List<ComponentValType>();
                    while (!AtRParen) types.Add(ParseValType());
                    def = new TupleType(types);
                    break;
                }
            case "flags":
            case "enum":
                {
                    var names = new List<string>();
                    while (Peek().Kind == TokenKind.String) names.Add(ExpectName());
                    def = kw.Text == "flags" ? new FlagsType(names) : new EnumType(names);
                    break;
                }
            case "option":
                def = new OptionType(ParseValType());
                break;
            case "result":
                {
                    ComponentValType? ok = null, error = null;
                    if (!AtRParen && !AtField("error")) ok = ParseValType();
                    if (AtField("error"))
                    {
                        ExpectField("error");
                        error = ParseValType();
                        ExpectRParen();
                    }
                    def = new ResultType(ok, error);
                    break;
                }
            case "own":
                def = new OwnType(Resolve(Next(), Namespace.Type));
                break;
            case "borrow":
                def = new BorrowType(Resolve(Next(), Namespace.Type));
                break;
            case "stream":
                def = new StreamType(AtRParen ? null : ParseValType());
                break;
            case "future":
                def = new FutureType(AtRParen ? null : ParseValType());
                break;
            default:
                throw Error(kw, $"unexpected token {kw}: expected a component type");
        }
        ExpectRParen();
        _depth--;
        return def;
    }

    // ---------------------------------------------------------------- component and instance types

    private List<TypeDeclaration> ParseTypeDeclarations(Token open, string? id, bool isComponent)
    {
        EnterNesting(open);
        var scope = new TypeDeclScope(id, isComponent);
        _scopes.Add(scope);
        while (AtLParen)
        {
            var kw = Peek(1);
            switch (kw.Kind == TokenKind.Keyword ? kw.Text : "")
            {
                case "core": ParseCoreTypeField(); break;
                case "type": ParseTypeField(allowInlineExports: false); break;
                case "alias": ParseAliasField(); break;
                case "import" when isComponent: ParseImport(); break;
                case "export": ParseExportDeclaration(scope); break;
                default: throw Error(kw, $"unexpected token {kw}: expected a {(isComponent ? "component" : "instance")} type declaration");
            }
        }
        _scopes.RemoveAt(_scopes.Count - 1);
        _depth--;
        return scope.Declarations;
    }

    // (export "n" itemsig) inside a component or instance type.
    private void ParseExportDeclaration(TypeDeclScope scope)
    {
        ExpectField("export");
        var name = ParseExternName();
        var (type, ns, id) = ParseItemSig(allowId: true);
        ExpectRParen();
        scope.Declarations.Add(new ExportDeclaration(name, type));
        scope.Register(ns, id);
    }

    /// <summary>
    /// <c>(core module $id? coretypeuse)</c>, <c>(func $id? typeuse)</c>, <c>(component $id? typeuse)</c>,
    /// <c>(instance $id? typeuse)</c>, <c>(value $id? valtypeuse)</c>, <c>(type $id? (eq i)|(sub resource))</c>.
    /// </summary>
    private (ExternType Type, Namespace Ns, Token? Id) ParseItemSig(bool allowId)
    {
        var open = Peek();
        ExpectLParen();
        var kw = Next();
        if (kw.IsKeyword("core")) ExpectKeyword("module");
        Token? id = allowId ? TryIdToken() : null;
        (ExternType, Namespace) sig;
        switch (kw.Kind == TokenKind.Keyword ? kw.Text : "")
        {
            case "core": sig = (new ExternType(ExternKind.Module, ParseCoreModuleTypeUse(open)), Namespace.CoreModule); break;
            case "func": sig = (new ExternType(ExternKind.Func, ParseFuncTypeUse(open)), Namespace.Func); break;
            case "component": sig = (new ExternType(ExternKind.Component, ParseComponentTypeUse(open, isComponent: true)), Namespace.Component); break;
            case "instance": sig = (new ExternType(ExternKind.Instance, ParseComponentTypeUse(open, isComponent: false)), Namespace.Instance); break;
            case "value": sig = (ExternType.OfValue(ValueBound.OfType(ParseValTypeUse())), Namespace.Value); break;
            case "type":
                {
                    ExpectLParen();
                    var b = Next();
                    TypeBound bound;
                    if (b.IsKeyword("eq")) bound = TypeBound.Eq(Resolve(Next(), Namespace.Type));
                    else if (b.IsKeyword("sub"))
                    {
                        ExpectKeyword("resource");
                        bound = TypeBound.SubResource;
                    }
                    else throw Unexpected(b);
                    ExpectRParen();
                    sig = (ExternType.OfType(bound), Namespace.Type);
                    break;
                }
            default: throw Unexpected(kw);
        }
        ExpectRParen();
        return (sig.Item1, sig.Item2, id);
    }

    /// <summary><c>(type idx name*)</c>, or an inline function type that becomes a type definition here.</summary>
    private uint ParseFuncTypeUse(Token at)
    {
        if (AtItemRef(0, "type")) return ParseTypeRef();
        return DefineType(ParseFuncTypeBody(), at);
    }

    /// <summary><c>(type idx name*)</c>, or inline component/instance type declarations that become a type definition here.</summary>
    private uint ParseComponentTypeUse(Token at, bool isComponent)
    {
        if (AtItemRef(0, "type")) return ParseTypeRef();
        var decls = ParseTypeDeclarations(at, null, isComponent);
        return DefineType(isComponent ? new ComponentTypeDefinition(decls) : new InstanceTypeDefinition(decls), at);
    }

    private ComponentValType ParseValTypeUse()
    {
        if (AtItemRef(0, "type")) return ComponentValType.Ref(ParseTypeRef());
        return ParseValType();
    }

    private uint ParseTypeRef()
    {
        ExpectField("type");
        uint index = ParseItemRefRest(Namespace.Type);
        ExpectRParen();
        return index;
    }

    // ---------------------------------------------------------------- core types

    // (core type $id? (func …) | (module decl*))
    private void ParseCoreTypeField()
    {
        var open = Peek();
        ExpectLParen();
        ExpectKeyword("core");
        ExpectKeyword("type");
        var id = TryIdToken();
        var kw = Peek(1);
        CoreTypeDefinition def;
        if (AtField("module"))
        {
            ExpectField("module");
            def = new CoreModuleTypeDefinition(ParseModuleTypeDeclarations(open, id?.Text));
            ExpectRParen();
        }
        else if (AtField("func"))
        {
            def = new CoreFuncTypeDefinition(ParseCoreFuncTypeForm());
        }
        else
        {
            throw Error(kw, kw.Kind == TokenKind.Keyword && kw.Text is "sub" or "struct" or "array" or "rec"
                ? "GC core types are not supported" : $"unexpected token {kw}: expected a core type");
        }
        ExpectRParen();
        DefineCoreType(def, open, id);
    }

    private FuncType ParseCoreFuncTypeForm()
    {
        int pos = Position;
        var f = WatParser.ParseFuncType(Tokens, ref pos);
        Position = pos;
        return f;
    }

    /// <summary><c>(type idx name?)</c>, or an inline module type that becomes a core type definition here.</summary>
    private uint ParseCoreModuleTypeUse(Token at)
    {
        if (AtItemRef(0, "type"))
        {
            ExpectField("type");
            uint index = ParseCoreItemRefRest(Namespace.CoreType);
            ExpectRParen();
            return index;
        }
        var decls = ParseModuleTypeDeclarations(at, null);
        return DefineCoreType(new CoreModuleTypeDefinition(decls), at);
    }

    private List<ModuleTypeDeclaration> ParseModuleTypeDeclarations(Token open, string? id)
    {
        EnterNesting(open);
        var scope = new ModuleTypeScope(id);
        _scopes.Add(scope);
        // Inline function types reuse an explicit equal type (the last one written); wasm-tools does not
        // record the ones it generates, so two equal inline uses get two types.
        var explicitTypes = new Dictionary<FuncType, uint>();
        while (AtLParen)
        {
            var kw = Peek(1);
            switch (kw.Kind == TokenKind.Keyword ? kw.Text : "")
            {
                case "type":
                    {
                        var at = Peek();
                        ExpectField("type");
                        var tid = TryIdToken();
                        if (!AtField("func")) throw Error(Peek(1), "GC core types are not supported");
                        var f = ParseCoreFuncTypeForm();
                        ExpectRParen();
                        scope.Declarations.Add(new ModuleTypeDefinitionDeclaration(new CoreFuncTypeDefinition(f)));
                        explicitTypes[f] = scope.Register(Namespace.CoreType, tid);
                        break;
                    }
                case "alias":
                    {
                        var at = Peek();
                        ExpectField("alias");
                        ExpectKeyword("outer");
                        var outer = Next();
                        var target = Next();
                        ExpectField("type");
                        var aid = TryIdToken();
                        ExpectRParen();
                        ExpectRParen();
                        DefineAlias(ResolveOuterAlias(outer, target, Namespace.CoreType), at, aid);
                        break;
                    }
                case "import":
                    {
                        ExpectField("import");
                        string module = ExpectName();
                        string name = ExpectName();
                        var type = ParseCoreExternType(scope, explicitTypes);
                        ExpectRParen();
                        scope.Declarations.Add(new ModuleImportDeclaration(module, name, type));
                        break;
                    }
                case "export":
                    {
                        ExpectField("export");
                        string name = ExpectName();
                        var type = ParseCoreExternType(scope, explicitTypes);
                        ExpectRParen();
                        scope.Declarations.Add(new ModuleExportDeclaration(name, type));
                        break;
                    }
                default:
                    throw Error(kw, $"unexpected token {kw}: expected a module type declaration");
            }
        }
        _scopes.RemoveAt(_scopes.Count - 1);
        _depth--;
        return scope.Declarations;
    }

    // (func $id? typeuse) | (table $id? tt) | (memory $id? mt) | (global $id? gt) | (tag $id? typeuse)
    private CoreExternType ParseCoreExternType(ModuleTypeScope scope, Dictionary<FuncType, uint> explicitTypes)
    {
        ExpectLParen();
        var kw = Next();
        TryIdToken();
        int pos = Position;
        CoreExternType type;
        switch (kw.Kind == TokenKind.Keyword ? kw.Text : "")
        {
            case "func":
                type = new CoreExternType(CoreSort.Func) { TypeIndex = ParseCoreTypeUse(kw, scope, explicitTypes) };
                break;
            case "tag":
                type = new CoreExternType(CoreSort.Tag) { TypeIndex = ParseCoreTypeUse(kw, scope, explicitTypes) };
                break;
            case "table":
                type = new CoreExternType(CoreSort.Table) { Table = WatParser.ParseTableType(Tokens, ref pos) };
                Position = pos;
                break;
            case "memory":
                type = new CoreExternType(CoreSort.Memory) { Memory = WatParser.ParseMemoryType(Tokens, ref pos) };
                Position = pos;
                break;
            case "global":
                type = new CoreExternType(CoreSort.Global) { Global = WatParser.ParseGlobalType(Tokens, ref pos) };
                Position = pos;
                break;
            default:
                throw Unexpected(kw);
        }
        ExpectRParen();
        return type;
    }

    /// <summary>A core type use inside a module type: <c>(type idx)</c> wins; otherwise the inline
    /// <c>(param …)* (result …)*</c> reuses an explicit equal type or adds one before the declarator.</summary>
    private uint ParseCoreTypeUse(Token at, ModuleTypeScope scope, Dictionary<FuncType, uint> explicitTypes)
    {
        uint? index = null;
        if (AtField("type"))
        {
            ExpectField("type");
            var t = Next();
            if (t.Kind == TokenKind.Id)
            {
                if (!scope.TryGet(Namespace.CoreType, t.Text, out uint found)) throw Error(t, $"unknown type: failed to find name `{t.Text}`");
                index = found;
            }
            else
            {
                index = ParseU32(t);
            }
            ExpectRParen();
        }
        var ps = new List<ValType>();
        var rs = new List<ValType>();
        while (AtField("param") || AtField("result"))
        {
            bool isParam = AtField("param");
            Position += 2;
            if (isParam && Peek().Kind == TokenKind.Id)
            {
                Next();
                ps.Add(ParseCoreValType());
            }
            else
            {
                while (!AtRParen) (isParam ? ps : rs).Add(ParseCoreValType());
            }
            ExpectRParen();
        }
        if (index is { } explicitIndex) return explicitIndex;
        var f = new FuncType(ps.ToArray(), rs.ToArray());
        if (explicitTypes.TryGetValue(f, out uint existing)) return existing;
        scope.Declarations.Add(new ModuleTypeDefinitionDeclaration(new CoreFuncTypeDefinition(f)));
        return scope.Register(Namespace.CoreType, null);
    }

    private ValType ParseCoreValType()
    {
        int pos = Position;
        var t = WatParser.ParseValType(Tokens, ref pos);
        Position = pos;
        return t;
    }
}
