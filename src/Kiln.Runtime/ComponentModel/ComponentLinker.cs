using Kiln.Compiler.Component;
using Kiln.Component.Validation.Types;
using Kiln.Runtime.Components;

namespace Kiln.Runtime;

/// <summary>
/// Host definitions by name for a component's imports: functions (dynamic <see cref="Val"/> functions or typed
/// delegates), resource types, and nested instances (<see cref="Instance"/>, e.g. <c>"wasi:cli/stdout@0.2.0"</c>).
/// </summary>
public class ComponentLinkerInstance
{
    private readonly OrderedDictionary<string, object> _items = new(StringComparer.Ordinal);

    internal ComponentLinkerInstance() { }

    /// <summary>The nested instance <paramref name="name"/>, created on first use.</summary>
    public ComponentLinkerInstance Instance(string name)
    {
        if (_items.TryGetValue(name, out var existing))
            return existing as ComponentLinkerInstance ?? throw new ArgumentException($"`{name}` is already defined as something other than an instance");
        var inst = new ComponentLinkerInstance();
        _items[name] = inst;
        return inst;
    }

    /// <summary>A dynamic host function: gets the lifted arguments, returns the result (null when the type has none).
    /// Its type is checked when it is called (<see cref="ComponentTypeMismatchException"/>).</summary>
    public ComponentLinkerInstance DefineFunc(string name, Func<Val[], Val?> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return Define(name, new HostComponentFunction(func, null, null));
    }

    public ComponentLinkerInstance DefineFunc<TResult>(string name, Func<TResult> func) =>
        Typed(name, [], typeof(TResult), _ => HostValues.ToVal(func()));

    public ComponentLinkerInstance DefineFunc<T1, TResult>(string name, Func<T1, TResult> func) =>
        Typed(name, [typeof(T1)], typeof(TResult), a => HostValues.ToVal(func(HostValues.From<T1>(a[0]))));

    public ComponentLinkerInstance DefineFunc<T1, T2, TResult>(string name, Func<T1, T2, TResult> func) =>
        Typed(name, [typeof(T1), typeof(T2)], typeof(TResult), a => HostValues.ToVal(func(HostValues.From<T1>(a[0]), HostValues.From<T2>(a[1]))));

    public ComponentLinkerInstance DefineAction(string name, Action action) =>
        Typed(name, [], null, _ => { action(); return null; });

    public ComponentLinkerInstance DefineAction<T1>(string name, Action<T1> action) =>
        Typed(name, [typeof(T1)], null, a => { action(HostValues.From<T1>(a[0])); return null; });

    public ComponentLinkerInstance DefineAction<T1, T2>(string name, Action<T1, T2> action) =>
        Typed(name, [typeof(T1), typeof(T2)], null, a => { action(HostValues.From<T1>(a[0]), HostValues.From<T2>(a[1])); return null; });

    /// <summary>A host resource type for <c>(import "name" (type (sub resource)))</c>.</summary>
    public ComponentLinkerInstance DefineResource(string name, ResourceType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Define(name, type);
    }

    private ComponentLinkerInstance Typed(string name, Type[] ps, Type? result, Func<Val[], Val?> body)
    {
        foreach (var p in ps) HostValues.Describe(p);
        if (result is not null) HostValues.Describe(result);
        return Define(name, new HostComponentFunction(body, ps, result));
    }

    private ComponentLinkerInstance Define(string name, object item)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_items.ContainsKey(name)) throw new ArgumentException($"`{name}` is already defined");
        _items[name] = item;
        return this;
    }

    /// <summary>The item named <paramref name="name"/>, else the newest one whose version is semver-compatible
    /// with the name's (<see cref="SemverName"/>: a definition at 0.2.12 serves an import at 0.2.0).</summary>
    internal object? Lookup(string name)
    {
        if (_items.TryGetValue(name, out var exact)) return exact;
        if (SemverName.CompatibilityKey(name) is not { } key) return null;
        object? best = null;
        (ulong, ulong, ulong) bestVersion = default;
        foreach (var (n, item) in _items)
        {
            if (SemverName.CompatibilityKey(n) != key) continue;
            var v = SemverName.VersionOf(n);
            if (best is null || v.CompareTo(bestVersion) > 0) (best, bestVersion) = (item, v);
        }
        return best;
    }

    internal object Resolve(ImportPath path)
    {
        object? item = Lookup(path.Name);
        var sofar = path.Name;
        foreach (var n in path.Path)
        {
            if (item is not ComponentLinkerInstance inst) throw new ComponentLinkException(item is null ? $"missing import `{sofar}`" : $"import `{sofar}` is not an instance");
            item = inst.Lookup(n);
            sofar += "/" + n;
        }
        return item ?? throw new ComponentLinkException($"missing import `{sofar}`");
    }

    internal HostComponentFunction ResolveFunc(ImportPath path, FuncTypeData type, TypeArena types)
    {
        var f = Resolve(path) as HostComponentFunction ?? throw new ComponentLinkException($"import `{path}` is not a function");
        f.CheckAgainst(type, types, path.ToString());
        return f;
    }

    internal ResourceType ResolveResource(ImportPath path) =>
        Resolve(path) as ResourceType ?? throw new ComponentLinkException($"import `{path}` is not a resource type");
}

/// <summary>The root of a component linker; <see cref="Instantiate"/> creates component instances.</summary>
public sealed class ComponentLinker(Engine engine) : ComponentLinkerInstance
{
    public Engine Engine { get; } = engine ?? throw new ArgumentNullException(nameof(engine));

    /// <summary>Instantiates <paramref name="component"/> in <paramref name="store"/>: every import must be defined
    /// (<see cref="ComponentLinkException"/>), then the component's initializers run (a trap is a <see cref="Trap"/>).</summary>
    public ComponentInstance Instantiate(Store store, Component component)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(component);
        CheckImports(component);
        return new ComponentInstance(new ComponentRuntime(store, component, this));
    }

    private void CheckImports(Component component)
    {
        var types = component.Plan.Types;
        int i = 0;
        foreach (var (name, entity) in component.Plan.Type.Imports)
            Check(new ImportPath(i++, name, []), entity, types);
    }

    private void Check(ImportPath path, EntityType e, TypeArena types)
    {
        switch (e.Kind)
        {
            case EntityKind.Func: ResolveFunc(path, types.Func(e.Id), types); break;
            case EntityKind.Instance:
                if (Resolve(path) is not ComponentLinkerInstance) throw new ComponentLinkException($"import `{path}` is not an instance");
                foreach (var (n, sub) in types.Instance(e.Id).Exports) Check(path.Then(n), sub, types);
                break;
            case EntityKind.Type when e.Id.IsResource: ResolveResource(path); break;
            case EntityKind.Type: break;
            default: throw new ComponentFeatureNotSupportedException($"{e.Describe()} imports (`{path}`)");
        }
    }
}
