namespace Kiln.Runtime;

/// <summary>
/// What a host function sees of its caller: the store, and the instance that imported the function (null
/// when the host function is called directly from the host or through a reference the host created).
/// </summary>
public sealed class Caller
{
    internal Caller(Store store, Instance? instance)
    {
        Store = store;
        Instance = instance;
    }

    /// <summary>The store the call runs in.</summary>
    public Store Store { get; }

    /// <summary>The calling instance, when known.</summary>
    public Instance? Instance { get; }

    /// <summary>The embedder state of the store (<see cref="Store.Data"/>).</summary>
    public object? Data => Store.Data;

    /// <summary>The calling instance's export <paramref name="name"/>, if any.</summary>
    public Extern? GetExport(string name) => Instance?.GetExport(name);

    /// <summary>The calling instance's exported memory <paramref name="name"/> (by convention "memory").</summary>
    public Memory? GetMemory(string name = "memory") => GetExport(name) as Memory;

    /// <summary>The calling instance's exported function <paramref name="name"/>.</summary>
    public Func? GetFunc(string name) => GetExport(name) as Func;
}
