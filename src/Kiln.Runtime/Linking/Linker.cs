using System.Runtime.CompilerServices;
using Kiln.Wasm.Model;

namespace Kiln.Runtime;

/// <summary>
/// Names things by (module, name) and resolves a module's imports against them. Definitions are externs of a
/// store, whole instances (all their exports under one module name), or store-independent host functions that
/// are created in each store on first use. Redefining a name throws unless <see cref="AllowShadowing"/>.
/// Disposable, as Wasmtime's linker is: <see cref="Dispose"/> drops every definition (and so the host delegates
/// and externs they keep alive); the linker refuses any use afterwards.
/// </summary>
public sealed partial class Linker : IDisposable
{
    private readonly Dictionary<(string Module, string Name), object> definitions = [];
    private readonly ConditionalWeakTable<Store, Dictionary<(string, string), Func>> hostFuncsPerStore = new();

    /// <summary>Creates an empty linker for <paramref name="engine"/>.</summary>
    public Linker(Engine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        engine.ThrowIfDisposed();
        Engine = engine;
    }

    /// <summary>Whether <see cref="Dispose"/> was called.</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>Drops every definition; the linker is unusable afterwards.</summary>
    public void Dispose()
    {
        IsDisposed = true;
        definitions.Clear();
        hostFuncsPerStore.Clear();
    }

    /// <summary>The engine whose modules this linker instantiates.</summary>
    public Engine Engine { get; }

    /// <summary>Whether a later definition may replace an earlier one of the same name.</summary>
    public bool AllowShadowing { get; set; }

    /// <summary>Defines <paramref name="module"/>/<paramref name="name"/> as <paramref name="item"/>.</summary>
    public Linker Define(string module, string name, Extern item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Store.Engine != Engine)
            throw new ArgumentException("the item belongs to a store of another engine", nameof(item));
        Add(module, name, item);
        return this;
    }

    /// <summary>Defines a host function that exists in every store it is instantiated into.</summary>
    public Linker DefineFunction(string module, string name, FuncType type, HostFunctionCallback callback)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(callback);
        Add(module, name, new HostDefinition(type, callback));
        return this;
    }

    /// <summary>Defines a host function (see <see cref="HostFuncFactory"/>) that exists in every store it is instantiated into.</summary>
    public Linker DefineFunction(string module, string name, HostFunctionDefinition definition) =>
        DefineFunction(module, name, definition.Type, definition.Callback);

    /// <summary>Defines every export of <paramref name="instance"/> under module name <paramref name="module"/>.</summary>
    public Linker DefineInstance(string module, Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        foreach (var (name, item) in instance.Exports)
            Define(module, name, item);
        return this;
    }

    /// <summary>The definition of <paramref name="module"/>/<paramref name="name"/> in <paramref name="store"/>, or null.</summary>
    public Extern? Get(Store store, string module, string name)
    {
        ArgumentNullException.ThrowIfNull(store);
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (!definitions.TryGetValue((module, name), out var d))
            return null;
        return d switch
        {
            Extern e => e,
            HostDefinition h => HostFunc(store, module, name, h),
            _ => null,
        };
    }

    /// <summary>
    /// Resolves <paramref name="module"/>'s imports in order and instantiates it. Throws <see cref="LinkException"/>
    /// for an unknown or incompatible import, <see cref="Trap"/> when instantiation traps.
    /// </summary>
    public Instance Instantiate(Store store, Module module)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(module);
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        var imports = new Extern[module.Imports.Count];
        for (int i = 0; i < imports.Length; i++)
        {
            var import = module.Imports[i];
            var item = Get(store, import.ModuleName, import.Name)
                ?? throw new LinkException(LinkErrorKind.UnknownImport, import.ModuleName, import.Name);
            if (item.Store != store)
                throw new LinkException(LinkErrorKind.IncompatibleImportType, import.ModuleName, import.Name, "the definition belongs to another store");
            imports[i] = item;
        }
        return Instance.Create(store, module, imports);
    }

    private void Add(string module, string name, object definition)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(name);
        if (!AllowShadowing && definitions.ContainsKey((module, name)))
            throw new InvalidOperationException($"\"{module}\" \"{name}\" is already defined");
        definitions[(module, name)] = definition;
    }

    private Func HostFunc(Store store, string module, string name, HostDefinition definition)
    {
        var funcs = hostFuncsPerStore.GetOrCreateValue(store);
        if (!funcs.TryGetValue((module, name), out var f) || f.Callback != definition.Callback || !f.Type.Equals(definition.Type))
            funcs[(module, name)] = f = Func.FromCallback(store, definition.Type, definition.Callback);
        return f;
    }

    private sealed record HostDefinition(FuncType Type, HostFunctionCallback Callback);
}
