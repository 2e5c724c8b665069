using Kiln.Component.Binary;
using Kiln.Component.Model;
using Kiln.Component.Wit.Model;

namespace Kiln.Component.Wit.Encoding;

/// <summary>
/// Encodes resolved WIT as component types, the way wit-component does (WIT.md "Package Format"):
/// <list type="bullet">
/// <item>a package is a component exporting, per interface, a component type that imports the interfaces it
/// depends on (all their types) and exports the interface's instance type under its id; per world, a component
/// type exporting the world's component type under its id;</item>
/// <item>a world is a component type: imported interfaces first (instance types, their types aliased out for later
/// items), then the world's types, then function imports, then exports (an exported interface's types replace the
/// imported ones for later exports).</item>
/// </list>
/// Gates are not encoded (the resolve already left out disabled features). Docs are not encoded.
/// </summary>
public static class WitEncoder
{
    /// <summary>The package <paramref name="package"/> (default: the main package) as a component.</summary>
    public static WasmComponent EncodePackage(WitResolve resolve, WitPackage? package = null)
    {
        var pkg = package ?? resolve.Main ?? throw new ArgumentException("no package to encode", nameof(resolve));
        var component = new WasmComponent();
        uint typeCount = 0;
        void Export(string name, ComponentTypeDefinition t)
        {
            var one = new TypeSection();
            one.Items.Add(t);
            component.Sections.Add(one);
            uint index = typeCount++;
            var ex = new ExportSection();
            ex.Items.Add(new ComponentExport(new ExternName(name), new SortIndex(Sort.Type, index), null));
            component.Sections.Add(ex);
            typeCount++; // exporting a type introduces a new type index too
        }
        foreach (var (name, iface) in pkg.Interfaces) Export(name, EncodeInterface(iface));
        foreach (var (name, world) in pkg.Worlds) Export(name, WrapWorld(world));
        return component;
    }

    public static byte[] EncodePackageBinary(WitResolve resolve, WitPackage? package = null) =>
        ComponentEncoder.Encode(EncodePackage(resolve, package));

    /// <summary>
    /// The world as wit-component's <c>component-type</c> custom section carries it (what <c>component embed</c>
    /// writes): a <c>wit-component-encoding</c> custom section, then a component exporting, under the world's name, a component type that exports the world's type
    /// under the world's id.
    /// </summary>
    public static WasmComponent EncodeWorldPackage(WitWorld world)
    {
        var component = new WasmComponent();
        // wit-component reads its metadata only after this section: format version 4, string encoding utf8 (0).
        component.Sections.Add(new CustomComponentSection(new Kiln.Wasm.Model.CustomSection(EncodingSectionName, new byte[] { 0x04, 0x00 }, 0)));
        var types = new TypeSection();
        types.Items.Add(WrapWorld(world));
        component.Sections.Add(types);
        var ex = new ExportSection();
        ex.Items.Add(new ComponentExport(new ExternName(world.Name), new SortIndex(Sort.Type, 0), null));
        component.Sections.Add(ex);
        return component;
    }

    /// <summary>The custom section wit-component requires in a <c>component-type</c> section's component.</summary>
    public const string EncodingSectionName = "wit-component-encoding";

    private static ComponentTypeDefinition WrapWorld(WitWorld world)
    {
        var outer = new WitTypeScope(null, isInstance: false);
        uint t = outer.Define(EncodeWorld(world));
        outer.Decls.Add(new ExportDeclaration(new ExternName(world.Id), new ExternType(ExternKind.Component, t)));
        return new ComponentTypeDefinition(outer.Decls);
    }

    /// <summary>An interface of a package: its dependencies imported (all their types), itself exported.</summary>
    public static ComponentTypeDefinition EncodeInterface(WitInterface iface)
    {
        var outer = new WitTypeScope(null, isInstance: false);
        foreach (var dep in TransitiveDependencies(iface))
        {
            var inst = new WitTypeScope(outer, isInstance: true);
            DefineTypes(inst, dep);
            foreach (var def in dep.Types.Values) inst.IndexOf(def);
            ImportOrExport(outer, dep, inst, import: true, dep.Id!);
        }
        var self = new WitTypeScope(outer, isInstance: true);
        FillInstance(self, iface);
        ImportOrExport(outer, iface, self, import: false, iface.Id!);
        return new ComponentTypeDefinition(outer.Decls);
    }

    /// <summary>A world's component type.</summary>
    public static ComponentTypeDefinition EncodeWorld(WitWorld world)
    {
        var w = new WitTypeScope(null, isInstance: false);
        foreach (var (key, item) in world.Imports)
            if (item is WitInterfaceItem ii)
            {
                var inst = new WitTypeScope(w, isInstance: true);
                FillInstance(inst, ii.Interface);
                ImportOrExport(w, ii.Interface, inst, import: true, key.ExternName);
            }
        w.Subject = world;
        w.DefineNamed = def => DefineNamedIn(w, def);
        foreach (var (_, item) in world.Imports)
            if (item is WitTypeItem ti) w.IndexOf(ti.Type);
        foreach (var (key, item) in world.Imports)
            if (item is WitFunctionItem fi) w.AddFunc(import: true, key.Name ?? fi.Function.ExternName, w.FuncType(fi.Function));
        foreach (var (key, item) in world.Exports)
        {
            switch (item)
            {
                case WitFunctionItem fi:
                    w.AddFunc(import: false, key.Name ?? fi.Function.ExternName, w.FuncType(fi.Function));
                    break;
                case WitInterfaceItem ii:
                    var inst = new WitTypeScope(w, isInstance: true);
                    FillInstance(inst, ii.Interface);
                    ImportOrExport(w, ii.Interface, inst, import: false, key.ExternName);
                    break;
            }
        }
        return new ComponentTypeDefinition(w.Decls);
    }

    /// <summary>Imports or exports an instance type and aliases its types out, so later items refer to them.</summary>
    internal static void ImportOrExport(WitTypeScope outer, WitInterface iface, WitTypeScope inst, bool import, string name)
    {
        uint t = outer.Define(new InstanceTypeDefinition(inst.Decls));
        uint i = outer.AddInstance(import, name, t);
        // Aliased out when first used, as wit-component's `import_type` does.
        foreach (var (typeName, def) in iface.Types)
            outer.OfferExport(def, i, typeName);
    }

    /// <summary>An interface's instance type: every named type in order, then every function.</summary>
    internal static void FillInstance(WitTypeScope inst, WitInterface iface)
    {
        DefineTypes(inst, iface);
        foreach (var def in iface.Types.Values) inst.IndexOf(def);
        foreach (var f in iface.Functions.Values) inst.AddFunc(import: false, f.ExternName, inst.FuncType(f));
    }

    internal static void DefineTypes(WitTypeScope inst, WitInterface iface)
    {
        inst.Subject = iface;
        inst.DefineNamed = def => def.Owner == iface
            ? DefineNamedIn(inst, def)
            : throw new WitException(WitErrorKind.Invalid, $"type `{def.Name}` of `{def.Owner}` is used by `{iface}` without being imported");
    }

    /// <summary>A named type in its own scope: a resource is <c>(sub resource)</c>; any other is <c>(eq t)</c> of its
    /// structure (always a fresh definition: two named types are never merged), of its target for an alias.</summary>
    internal static uint DefineNamedIn(WitTypeScope scope, WitTypeDef def)
    {
        var bound = def.Kind switch
        {
            WitResourceKind => TypeBound.SubResource,
            WitAliasKind { Target.Def: { } target } => TypeBound.Eq(scope.IndexOf(target)),
            _ => TypeBound.Eq(scope.Define(scope.Structural(def.Kind))),
        };
        return scope.DeclareType(def.Name!, bound);
    }

    /// <summary>The interfaces <paramref name="iface"/> needs, dependencies first, itself excluded.</summary>
    public static List<WitInterface> TransitiveDependencies(WitInterface iface)
    {
        var order = new List<WitInterface>();
        var seen = new HashSet<WitInterface>();
        void Visit(WitInterface i)
        {
            foreach (var d in i.Dependencies())
                if (seen.Add(d)) { Visit(d); order.Add(d); }
        }
        seen.Add(iface);
        Visit(iface);
        return order;
    }
}
