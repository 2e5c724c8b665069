using Kiln.Component.Model;
using Kiln.Component.Validation;
using Kiln.Component.Validation.Canonical;
using Kiln.Component.Validation.Types;
using Kiln.Wasm.Model;

namespace Kiln.Compiler.Component;

/// <summary>
/// Translates a validated component into a <see cref="ComponentPlan"/> by walking it as instantiation would
/// (Wasmtime's inliner): every instantiation of a nested component pushes a <see cref="TranslationFrame"/>
/// whose imports are the arguments, aliases resolve to what they name, and every core instantiation, lowering,
/// option and resource becomes an initializer. See README.md.
/// </summary>
public sealed class ComponentTranslator
{
    private readonly ValidatedComponent _validated;
    private readonly ComponentPlan _plan;
    private readonly Dictionary<WasmModule, int> _modules = new(ReferenceEqualityComparer.Instance);

    private ComponentTranslator(ValidatedComponent validated)
    {
        _validated = validated;
        _plan = new ComponentPlan { Types = validated.Types, Type = validated.Type };
    }

    private TypeArena Types => _validated.Types;

    public static ComponentPlan Translate(WasmComponent component, ValidatedComponent validated)
    {
        var t = new ComponentTranslator(validated);
        var root = new TranslationFrame(component, validated.ScopeOf(component), null, t.NewInstance(), null);
        t.Run(root);
        foreach (var (name, item) in root.Exports)
            t._plan.Exports[name] = ToExport(item);
        return t._plan;
    }

    private int NewInstance() => _plan.RuntimeInstanceCount++;

    private static PlanExport ToExport(Item item) => item switch
    {
        FuncItem f => new FuncExport(f.Source),
        InstanceItem i => new InstanceExport(ToExports(i.Exports)),
        TypeItem t => new TypeExport(t.Type, t.Resource),
        ModuleItem => new OpaqueExport("module"),
        ComponentDefItem => new OpaqueExport("component"),
        _ => new OpaqueExport("value"),
    };

    private static OrderedDictionary<string, PlanExport> ToExports(OrderedDictionary<string, Item> items)
    {
        var d = new OrderedDictionary<string, PlanExport>(StringComparer.Ordinal);
        foreach (var (n, i) in items) d[n] = ToExport(i);
        return d;
    }

    private void Run(TranslationFrame f)
    {
        foreach (var section in f.Component.Sections)
        {
            switch (section)
            {
                case CoreModuleSection m:
                    if (!_modules.TryGetValue(m.Module, out int mi))
                    {
                        mi = _plan.Modules.Count;
                        _plan.Modules.Add(m.Module);
                        _modules[m.Module] = mi;
                    }
                    f.CoreModules.Add(mi);
                    break;
                case CoreInstanceSection s: foreach (var i in s.Items) CoreInstance(f, i); break;
                case NestedComponentSection n: f.Components.Add(new ComponentDefItem(n.Component, f)); break;
                case InstanceSection s: foreach (var i in s.Items) Instance(f, i); break;
                case AliasSection s: foreach (var a in s.Items) Alias(f, a); break;
                case TypeSection s: foreach (var t in s.Items) Type(f, t); break;
                case CanonSection s: foreach (var c in s.Items) Canon(f, c); break;
                case ImportSection s: foreach (var i in s.Items) Import(f, i); break;
                case ExportSection s: foreach (var e in s.Items) Export(f, e.Name.Name, e.Item); break;
                case ValueSection s: foreach (var _ in s.Items) f.Values.Add(new ValueItem()); break;
                case StartSection: throw new ComponentTranslationException("component start functions (values)");
                default: break; // custom sections, core types
            }
        }
    }

    // ---- core instances ----

    private void CoreInstance(TranslationFrame f, CoreInstance i)
    {
        switch (i)
        {
            case CoreInstantiate ci:
            {
                int module = f.CoreModules[(int)ci.ModuleIndex];
                if (module < 0) throw new ComponentTranslationException("instantiating an imported core module");
                var args = new Dictionary<string, CoreInstanceItem>(StringComparer.Ordinal);
                foreach (var a in ci.Args) args[a.Name] = f.CoreInstances[(int)a.Index];
                var defs = new List<CoreDef>();
                foreach (var imp in _plan.Modules[module].Imports)
                    defs.Add(args[imp.ModuleName].Export(imp.Name));
                _plan.Initializers.Add(new InstantiateModule(module, defs));
                f.CoreInstances.Add(new CoreInstanceItem(_plan.CoreInstanceCount++, null));
                break;
            }
            case CoreInlineExports ie:
            {
                var d = new Dictionary<string, CoreDef>(StringComparer.Ordinal);
                foreach (var e in ie.Exports) d[e.Name] = f.CoreSpace(e.Sort)[(int)e.Index];
                f.CoreInstances.Add(new CoreInstanceItem(null, d));
                break;
            }
        }
    }

    // ---- component instances ----

    private void Instance(TranslationFrame f, ComponentInstanceDefinition i)
    {
        switch (i)
        {
            case ComponentInstantiate ci:
            {
                var def = (ComponentDefItem)f.Components[(int)ci.ComponentIndex];
                var args = new Dictionary<string, Item>(StringComparer.Ordinal);
                foreach (var a in ci.Args) args[a.Name] = f.Get(a.Item.Sort, a.Item.Index);
                var child = new TranslationFrame(def.Component, _validated.ScopeOf(def.Component), def.Parent, NewInstance(), args);
                Run(child);
                var item = new InstanceItem(child.Exports);
                f.Instances.Add(item);
                // The instance's type (as the validator sees it here) names fresh resources: bind them.
                Bind(f, EntityType.OfInstance(f.Scope.Instances[f.Instances.Count - 1]), item);
                break;
            }
            case ComponentInlineExports ie:
            {
                var d = new OrderedDictionary<string, Item>(StringComparer.Ordinal);
                foreach (var e in ie.Exports) d[e.Name.Name] = f.Get(e.Item.Sort, e.Item.Index);
                f.Instances.Add(new InstanceItem(d));
                break;
            }
        }
    }

    // ---- aliases ----

    private void Alias(TranslationFrame f, Alias a)
    {
        switch (a.Target)
        {
            case AliasTarget.CoreInstanceExport:
                f.CoreSpace(a.Sort.Core).Add(f.CoreInstances[(int)a.Instance].Export(a.Name));
                break;
            case AliasTarget.InstanceExport:
            {
                var inst = (InstanceItem)f.Instances[(int)a.Instance];
                var item = inst.Exports[a.Name];
                Push(f, a.Sort, item);
                break;
            }
            case AliasTarget.Outer when a.Sort.IsCore && a.Sort.Core == CoreSort.Type:
                break; // core types have no run-time existence
            case AliasTarget.Outer:
            {
                var outer = f;
                for (uint c = 0; c < a.Count; c++) outer = outer.Parent ?? throw new InvalidOperationException("outer alias beyond the root");
                Push(f, a.Sort, outer.Get(a.Sort, a.Index));
                break;
            }
        }
    }

    /// <summary>Adds <paramref name="item"/> to the index space of <paramref name="sort"/>; a type's resources are bound.</summary>
    private void Push(TranslationFrame f, Sort sort, Item item)
    {
        if (sort.IsCore)
        {
            if (sort.Core != CoreSort.Module) throw new InvalidOperationException($"core sort {sort} is not an item");
            f.CoreModules.Add(((ModuleItem)item).Module);
            return;
        }
        var space = f.Space(sort.Kind);
        int index = space.Count;
        if (sort.Kind == SortKind.Type)
        {
            var id = f.Scope.Types[index];
            if (item is TypeItem { Resource: { } r } && id.IsResource) f.Resources[id.Index] = r;
            space.Add(item is TypeItem t ? t with { Type = id } : item);
            return;
        }
        space.Add(item);
        if (sort.Kind == SortKind.Instance) Bind(f, EntityType.OfInstance(f.Scope.Instances[index]), item);
    }

    /// <summary>Maps the resources a type names (through instance exports) to those of <paramref name="item"/>.</summary>
    private void Bind(TranslationFrame f, EntityType type, Item item)
    {
        switch (type.Kind)
        {
            case EntityKind.Type when item is TypeItem { Resource: { } r }:
                if (type.Id.IsResource) f.Resources[type.Id.Index] = r;
                if (type.Referenced.IsResource) f.Resources[type.Referenced.Index] = r;
                break;
            case EntityKind.Instance when item is InstanceItem inst:
                foreach (var (name, e) in Types.Instance(type.Id).Exports)
                    if (inst.Exports.TryGetValue(name, out var sub)) Bind(f, e, sub);
                break;
        }
    }

    // ---- types ----

    private void Type(TranslationFrame f, TypeDefinition t)
    {
        int index = f.Types.Count;
        var id = f.Scope.Types[index];
        if (t is ResourceTypeDefinition r)
        {
            int res = _plan.ResourceCount++;
            f.Resources[id.Index] = res;
            CoreDef? dtor = r.Destructor is { } d ? f.CoreFuncs[(int)d] : null;
            _plan.Initializers.Add(new DefineResource(res, f.Instance, r.Representation, dtor));
            f.Types.Add(new TypeItem(id, res));
        }
        else f.Types.Add(new TypeItem(id, null));
    }

    // ---- imports and exports ----

    private void Import(TranslationFrame f, ComponentImport i)
    {
        string name = i.Name.Name;
        var entity = f.Scope.Imports[name];
        Item item;
        if (f.Args is not null)
        {
            item = f.Args.TryGetValue(name, out var a) ? a : throw new InvalidOperationException($"missing instantiation argument \"{name}\"");
        }
        else
        {
            int index = IndexOf(f.Scope.Imports, name);
            item = RootImport(new ImportPath(index, name, []), entity);
        }
        var sort = entity.Kind switch
        {
            EntityKind.Func => Sort.Func,
            EntityKind.Instance => Sort.Instance,
            EntityKind.Type => Sort.Type,
            EntityKind.Component => Sort.Component,
            EntityKind.Value => Sort.Value,
            _ => Sort.OfCore(CoreSort.Module),
        };
        if (entity.Kind == EntityKind.Type)
        {
            int k = f.Types.Count;
            var id = f.Scope.Types[k];
            if (item is TypeItem { Resource: { } r })
            {
                if (id.IsResource) f.Resources[id.Index] = r;
                if (entity.Referenced.IsResource) f.Resources[entity.Referenced.Index] = r;
            }
            f.Types.Add(item is TypeItem ti ? ti with { Type = id } : new TypeItem(id, null));
            return;
        }
        if (item is ModuleItem m && entity.Kind == EntityKind.Module) { f.CoreModules.Add(m.Module); return; }
        Push(f, sort, item);
    }

    private static int IndexOf(IReadOnlyDictionary<string, EntityType> d, string name)
    {
        int i = 0;
        foreach (var k in d.Keys) { if (k == name) return i; i++; }
        return -1;
    }

    /// <summary>A root import as items: functions and types become host-provided; instances recurse by export.</summary>
    private Item RootImport(ImportPath path, EntityType e)
    {
        switch (e.Kind)
        {
            case EntityKind.Func: return new FuncItem(new ImportedFunction(e.Id, path));
            case EntityKind.Instance:
            {
                var d = new OrderedDictionary<string, Item>(StringComparer.Ordinal);
                foreach (var (n, sub) in Types.Instance(e.Id).Exports) d[n] = RootImport(path.Then(n), sub);
                return new InstanceItem(d);
            }
            case EntityKind.Type when e.Id.IsResource:
            {
                int res = _plan.ResourceCount++;
                _plan.Initializers.Add(new ImportResource(res, path));
                return new TypeItem(e.Id, res);
            }
            case EntityKind.Type: return new TypeItem(e.Id, null);
            case EntityKind.Value: return new ValueItem();
            // An imported core module is an index past the static ones (negative): usable as an argument or export,
            // instantiating it is not supported yet.
            case EntityKind.Module: return new ModuleItem(-1 - path.Index);
            default: throw new ComponentTranslationException("imported components");
        }
    }

    private void Export(TranslationFrame f, string name, SortIndex what)
    {
        var item = f.Get(what.Sort, what.Index);
        f.Exports[name] = item;
        if (what.Sort.IsCore) { f.CoreModules.Add(((ModuleItem)item).Module); return; }
        Push(f, what.Sort, item);
    }

    // ---- canonical definitions ----

    private void Canon(TranslationFrame f, CanonicalFunction c)
    {
        switch (c.Op)
        {
            case CanonOp.Lift:
            {
                if (c.Options.Any(o => o.Kind is CanonOptionKind.Async or CanonOptionKind.Callback))
                {
                    f.Funcs.Add(new FuncItem(new LiftedFunction(f.Scope.Types[(int)c.TypeIndex], new UnsupportedBuiltinDef(CanonOp.Lift, new FuncType([], []), f.Instance), Options(f, c.Options))));
                    return;
                }
                var callee = f.CoreFuncs[(int)c.FuncIndex];
                f.Funcs.Add(new FuncItem(new LiftedFunction(f.Scope.Types[(int)c.TypeIndex], callee, Options(f, c.Options))));
                return;
            }
            case CanonOp.Lower:
            {
                var sig = f.Scope.CoreFuncs[f.CoreFuncs.Count];
                var source = ((FuncItem)f.Funcs[(int)c.FuncIndex]).Source;
                var options = Options(f, c.Options);
                switch (source)
                {
                    case ImportedFunction imp when !c.Options.Any(o => o.Kind == CanonOptionKind.Async):
                    {
                        int lowering = _plan.LoweringCount++;
                        _plan.Initializers.Add(new LowerImport(lowering, imp.Import, imp.Type, sig, options));
                        f.CoreFuncs.Add(new LoweredDef(lowering));
                        return;
                    }
                    case ImportedFunction:
                        f.CoreFuncs.Add(new UnsupportedBuiltinDef(CanonOp.Lower, sig, f.Instance));
                        return;
                    case LiftedFunction lifted when lifted.Options.Instance == f.Instance:
                        f.CoreFuncs.Add(new AlwaysTrapDef(sig, f.Instance));
                        return;
                    case LiftedFunction lifted:
                        f.CoreFuncs.Add(new FusedAdapterDef(sig, lifted, options));
                        return;
                }
                return;
            }
            case CanonOp.ResourceNew or CanonOp.ResourceRep or CanonOp.ResourceDrop:
            {
                var id = f.Scope.Types[(int)c.TypeIndex];
                if (!f.Resources.TryGetValue(id.Index, out int res))
                    throw new InvalidOperationException($"resource type {c.TypeIndex} has no run-time resource");
                f.CoreFuncs.Add(new ResourceBuiltinDef(c.Op, f.Instance, res));
                return;
            }
            case CanonOp.ContextGet or CanonOp.ContextSet or CanonOp.BackpressureInc or CanonOp.BackpressureDec:
                f.CoreFuncs.Add(new SimpleBuiltinDef(c.Op, f.Scope.CoreFuncs[f.CoreFuncs.Count], f.Instance, c.Slot));
                return;
            default:
                f.CoreFuncs.Add(new UnsupportedBuiltinDef(c.Op, f.Scope.CoreFuncs[f.CoreFuncs.Count], f.Instance));
                return;
        }
    }

    private CanonicalOptionsPlan Options(TranslationFrame f, IReadOnlyList<CanonOption> options)
    {
        var encoding = StringEncoding.Utf8;
        int? memory = null, realloc = null, postReturn = null;
        foreach (var o in options)
        {
            switch (o.Kind)
            {
                case CanonOptionKind.Utf16: encoding = StringEncoding.Utf16; break;
                case CanonOptionKind.Latin1Utf16: encoding = StringEncoding.Latin1Utf16; break;
                case CanonOptionKind.Memory:
                    memory = _plan.MemoryCount++;
                    _plan.Initializers.Add(new ExtractMemory(memory.Value, f.CoreMemories[(int)o.Index]));
                    break;
                case CanonOptionKind.Realloc:
                    realloc = _plan.ReallocCount++;
                    _plan.Initializers.Add(new ExtractRealloc(realloc.Value, f.CoreFuncs[(int)o.Index]));
                    break;
                case CanonOptionKind.PostReturn:
                    postReturn = _plan.PostReturnCount++;
                    _plan.Initializers.Add(new ExtractPostReturn(postReturn.Value, f.CoreFuncs[(int)o.Index]));
                    break;
            }
        }
        return new CanonicalOptionsPlan(f.Instance, encoding, memory, realloc, postReturn, f.Resources);
    }
}
