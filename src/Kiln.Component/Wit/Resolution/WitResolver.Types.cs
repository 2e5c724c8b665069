using Kiln.Component.Wit.Model;
using Kiln.Component.Wit.Syntax;

namespace Kiln.Component.Wit.Resolution;

public sealed partial class WitResolver
{
    private sealed partial class PackageResolver
    {
        /// <summary>The named types visible in an interface or world body, and where each was introduced.</summary>
        private sealed class TypeScope(object owner)
        {
            public object Owner { get; } = owner;
            public OrderedDictionary<string, WitTypeDef> Defs { get; } = new(StringComparer.Ordinal);
            public Dictionary<string, WitLocation> At { get; } = new(StringComparer.Ordinal);

            public void Add(string name, WitTypeDef def, WitLocation at)
            {
                if (!Defs.TryAdd(name, def))
                    throw new WitException(WitErrorKind.Duplicate, $"type `{name}` is defined more than once", at);
                At[name] = at;
            }

            public WitTypeDef Lookup(string name, WitLocation at) =>
                Defs.TryGetValue(name, out var d) ? d : throw new WitException(WitErrorKind.UnknownName, $"type `{name}` does not exist", at);
        }

        /// <summary>Resolves the <c>use</c>s and type declarations of a body into <paramref name="scope"/>, uses first,
        /// declarations in dependency order.</summary>
        private void ResolveTypes(TypeScope scope, IEnumerable<InterfaceItemSyntax> items, string file, WitInterface? self)
        {
            var decls = new List<TypeDeclSyntax>();
            foreach (var item in items)
            {
                if (!Enabled(item.Gate)) continue;
                if (item is UseSyntax u)
                {
                    var target = InterfaceOf(u.Path, file);
                    if (target == self)
                        throw new WitException(WitErrorKind.Cycle, $"interface `{self!.Name}` cannot use itself", u.Path.At);
                    foreach (var n in u.Names)
                    {
                        if (!target.Types.TryGetValue(n.Name, out var other))
                            throw new WitException(WitErrorKind.UnknownName, $"type `{n.Name}` not defined in interface `{target}`", n.At);
                        var def = new WitTypeDef(n.As ?? n.Name, new WitAliasKind(WitType.Of(other)))
                        {
                            Owner = scope.Owner, Stability = u.Gate.Stability,
                        };
                        scope.Add(def.Name!, def, n.At);
                    }
                }
                else if (item is TypeDeclSyntax d) decls.Add(d);
            }
            var placeholders = new Dictionary<string, (TypeDeclSyntax Syntax, WitTypeDef Def)>(StringComparer.Ordinal);
            foreach (var d in decls)
            {
                var def = new WitTypeDef(d.Name, d.Body is ResourceBody ? new WitResourceKind() : new WitAliasKind(WitType.Of(WitPrimitive.Bool)))
                {
                    Owner = scope.Owner, Docs = d.Docs, Stability = d.Gate.Stability,
                };
                scope.Add(d.Name, def, d.At);
                placeholders[d.Name] = (d, def);
            }
            // Topological order: a declaration after the ones it names, a cycle reported at the declaration.
            var state = new Dictionary<string, int>(StringComparer.Ordinal);
            var ordered = new List<string>();
            foreach (var d in decls) Visit(d.Name);
            foreach (var name in ordered)
            {
                var (syntax, def) = placeholders[name];
                def.Kind = Body(syntax.Body, scope);
            }
            // Declarations move after the uses, in dependency order.
            foreach (var name in ordered)
            {
                var def = scope.Defs[name];
                scope.Defs.Remove(name);
                scope.Defs.Add(name, def);
            }

            void Visit(string name)
            {
                state.TryGetValue(name, out int s);
                if (s == 2) return;
                var (syntax, _) = placeholders[name];
                if (s == 1) throw new WitException(WitErrorKind.Cycle, $"type `{name}` depends on itself", syntax.At);
                state[name] = 1;
                foreach (var dep in NamesIn(syntax.Body))
                    if (placeholders.ContainsKey(dep.Name)) Visit(dep.Name);
                    else scope.Lookup(dep.Name, dep.At);
                state[name] = 2;
                ordered.Add(name);
            }
        }

        private static IEnumerable<(string Name, WitLocation At)> NamesIn(TypeDeclBody body) => body switch
        {
            RecordBody r => r.Fields.SelectMany(f => NamesIn(f.Type)),
            VariantBody v => v.Cases.Where(c => c.Type is not null).SelectMany(c => NamesIn(c.Type!)),
            AliasBody a => NamesIn(a.Type),
            _ => [],
        };

        private static IEnumerable<(string Name, WitLocation At)> NamesIn(TypeSyntax t)
        {
            switch (t)
            {
                case NameTypeSyntax n: yield return (n.Name, n.At); break;
                case HandleTypeSyntax h: yield return (h.Resource, h.At); break;
                case ListTypeSyntax l: foreach (var x in NamesIn(l.Element)) yield return x; break;
                case OptionTypeSyntax o: foreach (var x in NamesIn(o.Type)) yield return x; break;
                case MapTypeSyntax m:
                    foreach (var x in NamesIn(m.Key)) yield return x;
                    foreach (var x in NamesIn(m.Value)) yield return x;
                    break;
                case ResultTypeSyntax r:
                    if (r.Ok is not null) foreach (var x in NamesIn(r.Ok)) yield return x;
                    if (r.Err is not null) foreach (var x in NamesIn(r.Err)) yield return x;
                    break;
                case TupleTypeSyntax tu: foreach (var e in tu.Types) foreach (var x in NamesIn(e)) yield return x; break;
                case FutureTypeSyntax { Type: { } ft }: foreach (var x in NamesIn(ft)) yield return x; break;
                case StreamTypeSyntax { Type: { } st }: foreach (var x in NamesIn(st)) yield return x; break;
            }
        }

        private WitTypeDefKind Body(TypeDeclBody body, TypeScope scope)
        {
            switch (body)
            {
                case RecordBody r:
                    CheckUnique(r.Fields.Select(f => (f.Name, f.At)), "field");
                    return new WitRecordKind([.. r.Fields.Select(f => new WitField(f.Name, Type(f.Type, scope), f.Docs))]);
                case VariantBody v:
                    CheckUnique(v.Cases.Select(c => (c.Name, c.At)), "case");
                    return new WitVariantKind([.. v.Cases.Select(c => new WitCase(c.Name, c.Type is null ? null : Type(c.Type, scope), c.Docs))]);
                case EnumBody e:
                    CheckUnique(e.Cases.Select(c => (c.Name, c.At)), "case");
                    return new WitEnumKind([.. e.Cases.Select(c => new WitCase(c.Name, null, c.Docs))]);
                case FlagsBody f:
                    CheckUnique(f.Flags.Select(c => (c.Name, c.At)), "flag");
                    return new WitFlagsKind([.. f.Flags.Select(c => new WitCase(c.Name, null, c.Docs))]);
                case AliasBody { Type: NameTypeSyntax n }:
                    // `type a = b` names b itself (a resource stays a resource), unlike `b` in a signature (an owned handle).
                    return new WitAliasKind(WitType.Of(scope.Lookup(n.Name, n.At)));
                case AliasBody a:
                    var t = Type(a.Type, scope);
                    return t.Def is { Name: null } anon ? anon.Kind : new WitAliasKind(t);
                default:
                    return new WitResourceKind();
            }
        }

        private static void CheckUnique(IEnumerable<(string Name, WitLocation At)> names, string what)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (n, at) in names)
                if (!seen.Add(n)) throw new WitException(WitErrorKind.Duplicate, $"{what} `{n}` is defined more than once", at);
        }

        /// <summary>A type expression: a primitive, a named type (an owned handle when it names a resource), or a fresh anonymous type.</summary>
        private WitType Type(TypeSyntax t, TypeScope scope)
        {
            switch (t)
            {
                case PrimitiveTypeSyntax p: return WitType.Of(p.Primitive);
                case NameTypeSyntax n:
                    var def = scope.Lookup(n.Name, n.At);
                    return def.Underlying().Kind is WitResourceKind ? Anon(new WitHandleKind(false, def)) : WitType.Of(def);
                case HandleTypeSyntax h:
                    var res = scope.Lookup(h.Resource, h.At);
                    if (res.Underlying().Kind is not WitResourceKind)
                        throw new WitException(WitErrorKind.Invalid, $"type `{h.Resource}` used in a handle must be a resource", h.At);
                    return Anon(new WitHandleKind(h.Borrow, res));
                case ListTypeSyntax l:
                    var elem = Type(l.Element, scope);
                    return Anon(l.Length is { } len ? new WitFixedListKind(elem, len) : new WitListKind(elem));
                case MapTypeSyntax m: return Anon(new WitMapKind(Type(m.Key, scope), Type(m.Value, scope)));
                case OptionTypeSyntax o: return Anon(new WitOptionKind(Type(o.Type, scope)));
                case ResultTypeSyntax r:
                    return Anon(new WitResultKind(r.Ok is null ? null : Type(r.Ok, scope), r.Err is null ? null : Type(r.Err, scope)));
                case TupleTypeSyntax tu: return Anon(new WitTupleKind([.. tu.Types.Select(x => Type(x, scope))]));
                case FutureTypeSyntax f: return Anon(new WitFutureKind(f.Type is null ? null : Type(f.Type, scope)));
                case StreamTypeSyntax s: return Anon(new WitStreamKind(s.Type is null ? null : Type(s.Type, scope)));
            }
            throw new WitException(WitErrorKind.Syntax, "unknown type form", t.At);
        }

        private static WitType Anon(WitTypeDefKind kind) => WitType.Of(new WitTypeDef(null, kind));

        /// <summary>A function's parameters and result; <paramref name="self"/> prepends <c>self: borrow&lt;r&gt;</c>.</summary>
        private WitFunction Function(string name, WitFunctionKind kind, WitTypeDef? resource, FuncTypeSyntax f, TypeScope scope,
            string? docs, GateSyntax gate)
        {
            var fn = new WitFunction(name, kind, resource, f.Async) { Docs = docs, Stability = gate.Stability };
            if (kind == WitFunctionKind.Method)
                fn.Params.Add(new WitField("self", Anon(new WitHandleKind(true, resource!))));
            foreach (var p in f.Params)
            {
                if (fn.Params.Exists(x => x.Name == p.Name))
                    throw new WitException(WitErrorKind.Duplicate, $"parameter `{p.Name}` is defined more than once", p.At);
                fn.Params.Add(new WitField(p.Name, Type(p.Type, scope)));
            }
            if (kind == WitFunctionKind.Constructor)
            {
                if (f.Result is null) fn.Result = Anon(new WitHandleKind(false, resource!));
                else
                {
                    var r = Type(f.Result, scope);
                    if (r.Def?.Kind is not WitResultKind { Ok.Def.Kind: WitHandleKind { Borrow: false } h } || h.Resource.Underlying() != resource!.Underlying())
                        throw new WitException(WitErrorKind.Invalid, $"a constructor's result must be `{resource!.Name}` or `result<{resource.Name}, …>`", f.Result.At);
                    fn.Result = r;
                }
            }
            else if (f.Result is not null) fn.Result = Type(f.Result, scope);
            return fn;
        }

        /// <summary>Fills an interface (named, or inline in a world): types, then functions in source order.</summary>
        private void FillInterface(WitInterface iface, List<InterfaceItemSyntax> items, string file)
        {
            var scope = new TypeScope(iface);
            ResolveTypes(scope, items, file, iface);
            foreach (var (n, d) in scope.Defs) iface.Types[n] = d;
            foreach (var item in items)
            {
                if (!Enabled(item.Gate)) continue;
                switch (item)
                {
                    case FuncSyntax f:
                        AddFunction(iface.Functions, Function(f.Name, WitFunctionKind.Freestanding, null, f.Type, scope, f.Docs, f.Gate), f.At);
                        break;
                    case TypeDeclSyntax { Body: ResourceBody rb } r:
                        AddResourceFunctions(iface.Functions, r, rb, scope);
                        break;
                }
            }
        }

        private void AddResourceFunctions(OrderedDictionary<string, WitFunction> into, TypeDeclSyntax r, ResourceBody rb, TypeScope scope)
        {
            var res = scope.Defs[r.Name];
            bool sawConstructor = false;
            foreach (var rf in rb.Functions)
            {
                if (!Enabled(rf.Gate)) continue;
                if (rf.Kind == WitFunctionKind.Constructor)
                {
                    if (sawConstructor) throw new WitException(WitErrorKind.Duplicate, $"resource `{r.Name}` has more than one constructor", rf.At);
                    sawConstructor = true;
                }
                var fn = Function(rf.Kind == WitFunctionKind.Constructor ? r.Name : rf.Name, rf.Kind, res, rf.Type, scope, rf.Docs, rf.Gate);
                AddFunction(into, fn, rf.At);
            }
        }

        private static void AddFunction(OrderedDictionary<string, WitFunction> into, WitFunction fn, WitLocation at)
        {
            if (!into.TryAdd(fn.ExternName, fn))
                throw new WitException(WitErrorKind.Duplicate, $"function `{fn.ExternName}` is defined more than once", at);
        }
    }
}
