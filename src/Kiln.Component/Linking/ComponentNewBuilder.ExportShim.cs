using Kiln.Component.Model;
using Kiln.Component.Wit.Encoding;
using Kiln.Component.Wit.Model;

namespace Kiln.Component.Linking;

internal sealed partial class ComponentNewBuilder
{
    /// <summary>
    /// wit-component's shim component for an exported interface: it imports the interface's types (resources as
    /// <c>sub resource</c>, the rest <c>eq</c> their structure; types of other interfaces too) and the lifted functions
    /// under plain names, and exports them under the interface's names, functions with types over the exported types.
    /// Instantiated with the component's types and lifted functions, it is the exported instance: resources get their
    /// names (<c>[constructor]r</c> needs <c>r</c> named where it is exported) and types their own identities.
    /// </summary>
    private (WasmComponent Shim, List<(string Name, WitTypeDef Def)> Types, List<(string Name, WitFunction Function)> Functions) ExportShim(WitInterface iface)
    {
        var c = new WasmComponent();
        var s = new WitTypeScope(null, isInstance: false);
        int flushed = 0;
        var names = new HashSet<string>(StringComparer.Ordinal);
        string Unique(string n)
        {
            string u = n;
            for (int i = 0; !names.Add(u); i++) u = n + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return u;
        }
        var typeArgs = new List<(string, WitTypeDef)>();
        s.DefineNamed = def =>
        {
            var bound = def.Kind switch
            {
                WitResourceKind => TypeBound.SubResource,
                WitAliasKind { Target.Def: { } t } => TypeBound.Eq(s.IndexOf(t)),
                _ => TypeBound.Eq(s.Define(s.Structural(def.Kind))),
            };
            string n = Unique("import-type-" + def.Name);
            typeArgs.Add((n, def));
            return s.DeclareType(n, bound);
        };
        foreach (var def in iface.Types.Values) s.IndexOf(def);
        var funcArgs = new List<(string, WitFunction)>();
        foreach (var f in iface.Functions.Values)
        {
            string n = Unique(ShimFunctionName(f));
            s.AddFunc(import: true, n, s.FuncType(f));
            funcArgs.Add((n, f));
        }
        FlushInto(c, s, ref flushed);

        // The interface's types, exported: from here on its named types mean the exported ones.
        var exported = new List<(WitTypeDef Def, uint Index)>();
        foreach (var (name, def) in iface.Types)
        {
            c.Sections.Add(ExportItem(new ComponentExport(new ExternName(name), new SortIndex(Sort.Type, s.IndexOf(def)), null)));
            exported.Add((def, s.ReserveType()));
        }
        foreach (var key in s.Types.Keys.Where(d => d.Name is null).ToList()) s.Types.Remove(key);
        foreach (var (def, index) in exported) s.Types[def] = index;
        uint func = 0;
        foreach (var (_, f) in funcArgs)
        {
            uint type = s.FuncType(f);
            FlushInto(c, s, ref flushed);
            c.Sections.Add(ExportItem(new ComponentExport(new ExternName(f.ExternName), new SortIndex(Sort.Func, func++),
                new ExternType(ExternKind.Func, type))));
        }
        return (c, typeArgs, funcArgs);
    }

    private static ExportSection ExportItem(ComponentExport e)
    {
        var section = new ExportSection();
        section.Items.Add(e);
        return section;
    }

    /// <summary>A plain (kebab-case) import name for a function: <c>[method]r.m</c> becomes <c>import-method-r-m</c>.</summary>
    private static string ShimFunctionName(WitFunction f) => f.Kind switch
    {
        WitFunctionKind.Constructor => $"import-constructor-{f.Resource!.Name}",
        WitFunctionKind.Method => $"import-method-{f.Resource!.Name}-{f.Name}",
        WitFunctionKind.Static => $"import-static-{f.Resource!.Name}-{f.Name}",
        _ => $"import-func-{f.Name}",
    };

    /// <summary>The scope's new declarators as sections of <paramref name="c"/> (a shim has no parent scope).</summary>
    private static void FlushInto(WasmComponent c, WitTypeScope s, ref int flushed)
    {
        for (; flushed < s.Decls.Count; flushed++)
        {
            ComponentSection section = s.Decls[flushed] switch
            {
                TypeDefinitionDeclaration t => One<TypeSection, TypeDefinition>(t.Type),
                ImportDeclaration i => One<ImportSection, ComponentImport>(new ComponentImport(i.Name, i.Type)),
                AliasDeclaration a => One<AliasSection, Alias>(a.Alias),
                var d => throw new InvalidOperationException($"unexpected declarator {d} in an export shim"),
            };
            if (c.Sections.Count > 0 && c.Sections[^1].GetType() == section.GetType() && c.Sections[^1] is IItemSection && section is not ExportSection)
            {
                switch (c.Sections[^1], section)
                {
                    case (TypeSection a, TypeSection b): a.Items.AddRange(b.Items); continue;
                    case (ImportSection a, ImportSection b): a.Items.AddRange(b.Items); continue;
                    case (AliasSection a, AliasSection b): a.Items.AddRange(b.Items); continue;
                }
            }
            c.Sections.Add(section);
        }
    }

    private static TSection One<TSection, TItem>(TItem item) where TSection : ItemSection<TItem>, new()
    {
        var s = new TSection();
        s.Items.Add(item);
        return s;
    }
}
