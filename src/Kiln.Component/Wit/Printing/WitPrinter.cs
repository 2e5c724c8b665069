using System.Text;
using Kiln.Component.Wit.Model;
using Kiln.Component.Wit.Parsing;

namespace Kiln.Component.Wit.Printing;

/// <summary>
/// Prints resolved WIT as wit-component's printer does (the text <c>wasm-tools component wit</c> and <c>jco wit</c>
/// give): the main package with a <c>package …;</c> header, then every other package as a nested <c>package … { }</c>
/// block; two-space indentation; a blank line between items of a body; <c>use</c>s gathered per interface; in a
/// world, imported interfaces first, then types (with resource functions), then function imports, then exports.
/// Identifiers that are keywords are printed with <c>%</c>.
/// </summary>
public sealed class WitPrinter
{
    private readonly StringBuilder _out = new();
    private int _indent;
    private bool _needsIndent;
    private bool _anyItems;

    /// <summary>Whether doc comments are printed (default true).</summary>
    public bool EmitDocs { get; init; } = true;

    /// <summary>Prints <paramref name="resolve"/>'s main package, then <paramref name="nested"/> (by default every other package).</summary>
    public static string Print(WitResolve resolve, IEnumerable<WitPackage>? nested = null, bool emitDocs = true)
    {
        var p = new WitPrinter { EmitDocs = emitDocs };
        var main = resolve.Main ?? throw new ArgumentException("the resolve has no main package", nameof(resolve));
        p.PrintPackage(main, isMain: true);
        int i = 0;
        foreach (var pkg in nested ?? resolve.Packages.Where(x => x != main))
        {
            if (i++ > 0) { p.Newline(); p.Newline(); }
            p.PrintPackage(pkg, isMain: false);
        }
        return p._out.ToString();
    }

    // ---- output primitives (indentation on the first text of a line) ----

    private void Str(string s)
    {
        if (_needsIndent)
        {
            for (int i = 0; i < _indent; i++) _out.Append("  ");
            _needsIndent = false;
        }
        _out.Append(s);
    }

    private void Newline()
    {
        _out.Append('\n');
        _needsIndent = true;
    }

    private void IndentStart()
    {
        _out.Append(" {");
        _indent++;
        Newline();
    }

    private void IndentEnd()
    {
        _indent = Math.Max(0, _indent - 1);
        Str("}");
        Newline();
    }

    private void Semicolon()
    {
        _out.Append(';');
        Newline();
    }

    private void NewItem()
    {
        if (_anyItems) Newline();
        _anyItems = true;
    }

    private static string Escape(string name) => IsKeyword(name) ? "%" + name : name;

    private static bool IsKeyword(string name) => WitLexer.IsKeyword(name) || name is "_" or "float32" or "float64";

    private void Docs(string? docs)
    {
        if (!EmitDocs || docs is null) return;
        foreach (var line in docs.Split('\n'))
        {
            Str(line.Length == 0 ? "///" : "/// " + line);
            Newline();
        }
    }

    private void Stability(WitStability s)
    {
        if (s.Since is { } since) { Str($"@since(version = {since})"); Newline(); }
        else if (s.Feature is { } f) { Str($"@unstable(feature = {f})"); Newline(); }
        if (s.Deprecated is { } d) { Str($"@deprecated(version = {d})"); Newline(); }
    }

    // ---- packages, interfaces, worlds ----

    private void PrintPackage(WitPackage pkg, bool isMain)
    {
        Docs(pkg.Docs);
        Str("package " + Escape(pkg.Name.Namespace) + ":" + Escape(pkg.Name.Name) + (pkg.Name.Version is { } v ? "@" + v : ""));
        if (isMain) { Semicolon(); Newline(); }
        else IndentStart();
        foreach (var (name, iface) in pkg.Interfaces)
        {
            Docs(iface.Docs);
            Stability(iface.Stability);
            Str("interface " + Escape(name));
            IndentStart();
            PrintInterface(iface);
            IndentEnd();
            if (isMain) Newline();
        }
        foreach (var (name, world) in pkg.Worlds)
        {
            Docs(world.Docs);
            Stability(world.Stability);
            Str("world " + Escape(name));
            IndentStart();
            PrintWorld(world);
            IndentEnd();
        }
        if (!isMain) IndentEnd();
    }

    private void PrintInterface(WitInterface iface)
    {
        bool prev = _anyItems;
        _anyItems = false;
        var resourceFuncs = new Dictionary<WitTypeDef, List<WitFunction>>();
        var freestanding = new List<WitFunction>();
        foreach (var f in iface.Functions.Values)
        {
            if (f.Resource is { } r)
            {
                if (!resourceFuncs.TryGetValue(r, out var list)) resourceFuncs[r] = list = [];
                list.Add(f);
            }
            else freestanding.Add(f);
        }
        PrintTypes(iface, iface.Package, iface.Types.Select(kv => (kv.Key, kv.Value)), resourceFuncs);
        foreach (var f in freestanding)
        {
            NewItem();
            Docs(f.Docs);
            Stability(f.Stability);
            Str(Escape(f.Name) + ": ");
            PrintFunction(f);
            Semicolon();
        }
        _anyItems = prev;
    }

    private void PrintTypes(object owner, WitPackage myPkg, IEnumerable<(string Name, WitTypeDef Def)> types,
        Dictionary<WitTypeDef, List<WitFunction>> resourceFuncs)
    {
        var toDeclare = new List<WitTypeDef>();
        var toImport = new List<(WitInterface Owner, WitTypeDef First, List<(string Mine, string Theirs)> Names)>();
        foreach (var (name, def) in types)
        {
            if (def.Kind is WitAliasKind { Target.Def: { Owner: WitInterface otherOwner } other } && otherOwner != owner)
            {
                if (toImport.Count > 0 && toImport[^1].Owner == otherOwner && toImport[^1].First.Stability == def.Stability)
                {
                    toImport[^1].Names.Add((name, other.Name!));
                    continue;
                }
                toImport.Add((otherOwner, def, [(name, other.Name!)]));
                continue;
            }
            toDeclare.Add(def);
        }
        foreach (var (iface, first, names) in toImport)
        {
            _anyItems = true;
            Stability(first.Stability);
            Str("use ");
            PathToInterface(iface, myPkg);
            Str(".{");
            for (int i = 0; i < names.Count; i++)
            {
                if (i > 0) Str(", ");
                var (mine, theirs) = names[i];
                Str(mine == theirs ? Escape(mine) : $"{Escape(theirs)} as {Escape(mine)}");
            }
            Str("}");
            Semicolon();
        }
        foreach (var def in toDeclare)
        {
            NewItem();
            Docs(def.Docs);
            Stability(def.Stability);
            if (def.Kind is WitResourceKind) PrintResource(def, resourceFuncs.GetValueOrDefault(def) ?? []);
            else DeclareType(def);
        }
    }

    private void PrintResource(WitTypeDef def, List<WitFunction> funcs)
    {
        Str("resource " + Escape(def.Name!));
        if (funcs.Count == 0) { Semicolon(); return; }
        IndentStart();
        foreach (var f in funcs)
        {
            Docs(f.Docs);
            Stability(f.Stability);
            switch (f.Kind)
            {
                case WitFunctionKind.Method: Str(Escape(f.Name) + ": "); break;
                case WitFunctionKind.Static: Str(Escape(f.Name) + ": static "); break;
            }
            PrintFunction(f);
            Semicolon();
        }
        IndentEnd();
    }

    private void PrintFunction(WitFunction f)
    {
        if (f.Async) Str("async ");
        Str(f.Kind == WitFunctionKind.Constructor ? "constructor(" : "func(");
        int skip = f.Kind == WitFunctionKind.Method ? 1 : 0;
        for (int i = skip; i < f.Params.Count; i++)
        {
            if (i > skip) Str(", ");
            Str(Escape(f.Params[i].Name) + ": " + TypeName(f.Params[i].Type));
        }
        Str(")");
        if (f.Kind == WitFunctionKind.Constructor && f.Result is { Def.Kind: WitHandleKind { Borrow: false } h }
            && h.Resource == f.Resource) return;
        if (f.Result is { } r) Str(" -> " + TypeName(r));
    }

    private void PrintWorld(WitWorld world)
    {
        bool prev = _anyItems;
        _anyItems = false;
        var types = new List<(string, WitTypeDef)>();
        var resourceFuncs = new Dictionary<WitTypeDef, List<WitFunction>>();
        var functionImports = new List<(WitWorldKey, WitWorldItem)>();
        foreach (var (key, item) in world.Imports)
        {
            switch (item)
            {
                case WitTypeItem t: types.Add((key.Name!, t.Type)); break;
                case WitFunctionItem { Function.Resource: { } r } fi:
                    if (!resourceFuncs.TryGetValue(r, out var list)) resourceFuncs[r] = list = [];
                    list.Add(fi.Function);
                    break;
                case WitFunctionItem: functionImports.Add((key, item)); break;
                default:
                    PrintWorldItem(key, item, world.Package, "import");
                    _anyItems = true;
                    break;
            }
        }
        PrintTypes(world, world.Package, types, resourceFuncs);
        foreach (var (key, item) in functionImports)
        {
            PrintWorldItem(key, item, world.Package, "import");
            _anyItems = true;
        }
        if (world.Exports.Count > 0) NewItem();
        foreach (var (key, item) in world.Exports) PrintWorldItem(key, item, world.Package, "export");
        _anyItems = prev;
    }

    private void PrintWorldItem(WitWorldKey key, WitWorldItem item, WitPackage pkg, string keyword)
    {
        string? docs = item switch
        {
            WitInterfaceItem ii => item.Docs ?? (key.Name is not null ? ii.Interface.Docs : null),
            WitFunctionItem fi => fi.Function.Docs,
            _ => null,
        };
        Docs(docs);
        Stability(item is WitFunctionItem f0 ? f0.Function.Stability : item.Stability);
        Str(keyword + " ");
        if (key.Name is { } name)
        {
            Str(Escape(name) + ": ");
            switch (item)
            {
                case WitInterfaceItem { Interface.Name: null } ii:
                    Str("interface");
                    IndentStart();
                    PrintInterface(ii.Interface);
                    IndentEnd();
                    break;
                case WitInterfaceItem ii:
                    PathToInterface(ii.Interface, pkg);
                    Semicolon();
                    break;
                case WitFunctionItem fi:
                    PrintFunction(fi.Function);
                    Semicolon();
                    break;
            }
        }
        else
        {
            PathToInterface(key.Interface!, pkg);
            Semicolon();
        }
    }

    private void PathToInterface(WitInterface iface, WitPackage current)
    {
        if (iface.Package == current) { Str(Escape(iface.Name!)); return; }
        var n = iface.Package.Name;
        Str($"{Escape(n.Namespace)}:{Escape(n.Name)}/{Escape(iface.Name!)}" + (n.Version is { } v ? "@" + v : ""));
    }

    // ---- types ----

    /// <summary>A type as written where it is used: its name, or the anonymous form.</summary>
    public static string TypeName(WitType t)
    {
        if (t.Def is not { } d) return WitType.PrimitiveNames[(int)t.Primitive];
        if (d.Name is { } n) return Escape(n);
        return d.Kind switch
        {
            WitHandleKind { Borrow: true } h => $"borrow<{Escape(h.Resource.Name!)}>",
            WitHandleKind h => Escape(h.Resource.Name!),
            WitTupleKind tu => $"tuple<{string.Join(", ", tu.Types.Select(TypeName))}>",
            WitOptionKind o => $"option<{TypeName(o.Type)}>",
            WitResultKind r => ResultName(r),
            WitListKind l => $"list<{TypeName(l.Element)}>",
            WitFixedListKind fl => $"list<{TypeName(fl.Element)}, {fl.Length}>",
            WitMapKind m => $"map<{TypeName(m.Key)}, {TypeName(m.Value)}>",
            WitAliasKind a => TypeName(a.Target),
            WitFutureKind f => f.Type is { } ft ? $"future<{TypeName(ft)}>" : "future",
            WitStreamKind s => s.Type is { } st ? $"stream<{TypeName(st)}>" : "stream",
            _ => throw new WitException(WitErrorKind.Invalid, $"an anonymous {d.Kind.GetType().Name} type cannot be printed"),
        };
    }

    private static string ResultName(WitResultKind r) => (r.Ok, r.Err) switch
    {
        ({ } ok, { } err) => $"result<{TypeName(ok)}, {TypeName(err)}>",
        (null, { } err) => $"result<_, {TypeName(err)}>",
        ({ } ok, null) => $"result<{TypeName(ok)}>",
        _ => "result",
    };

    private void DeclareType(WitTypeDef def)
    {
        string name = Escape(def.Name!);
        switch (def.Kind)
        {
            case WitRecordKind r:
                Str("record " + name);
                IndentStart();
                foreach (var f in r.Fields)
                {
                    Docs(f.Docs);
                    Str($"{Escape(f.Name)}: {TypeName(f.Type)},");
                    Newline();
                }
                IndentEnd();
                break;
            case WitVariantKind v:
                Str("variant " + name);
                IndentStart();
                foreach (var c in v.Cases)
                {
                    Docs(c.Docs);
                    Str(Escape(c.Name) + (c.Type is { } ct ? $"({TypeName(ct)})" : "") + ",");
                    Newline();
                }
                IndentEnd();
                break;
            case WitEnumKind e: Cases("enum", e.Cases); break;
            case WitFlagsKind fl: Cases("flags", fl.Flags); break;
            case WitHandleKind h:
                Str($"type {name} = {(h.Borrow ? "borrow" : "own")}<{Escape(h.Resource.Name!)}>");
                Semicolon();
                break;
            case WitAliasKind a:
                Str($"type {name} = {TypeName(a.Target)}");
                Semicolon();
                break;
            default:
                Str($"type {name} = {TypeName(WitType.Of(new WitTypeDef(null, def.Kind)))}");
                Semicolon();
                break;
        }

        void Cases(string keyword, IReadOnlyList<WitCase> cases)
        {
            Str(keyword + " " + name);
            IndentStart();
            foreach (var c in cases)
            {
                Docs(c.Docs);
                Str(Escape(c.Name) + ",");
                Newline();
            }
            IndentEnd();
        }
    }
}
