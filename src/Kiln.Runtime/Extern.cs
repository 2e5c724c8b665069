using Kiln.Wasm.Model;

namespace Kiln.Runtime;

/// <summary>Something an instance can import or export: a <see cref="Func"/>, <see cref="Table"/>,
/// <see cref="Memory"/> or <see cref="Global"/>. Every extern belongs to one store.</summary>
public abstract class Extern
{
    private protected Extern(Store store)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.ThrowIfDisposed();
        Store = store;
    }

    /// <summary>The store that owns this object.</summary>
    public Store Store { get; }

    /// <summary>Which kind of extern this is.</summary>
    public abstract ExternalKind Kind { get; }

    /// <summary>A description of the extern's current type, for error messages.</summary>
    public abstract string TypeDescription { get; }
}
