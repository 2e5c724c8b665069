namespace Kiln.Runtime.Wasi.Preview2;

/// <summary>
/// The host side of the 0.2 host's resources: each live resource (stream, pollable, descriptor, ...) by the
/// representation its handle carries in the guest's handle table. The component model checks handle types and
/// ownership before a call reaches the host, so a representation seen here was handed out by this table; a
/// dropped one is removed and disposed.
/// </summary>
internal sealed class HostResourceTable : IDisposable
{
    private readonly Dictionary<uint, object> _items = [];
    private uint _next = 1;

    public uint Add(object item)
    {
        while (_items.ContainsKey(_next) || _next == 0) _next++;
        _items[_next] = item;
        return _next++;
    }

    public T Get<T>(uint rep) where T : class =>
        _items.TryGetValue(rep, out var item) && item is T t ? t
            : throw new InvalidOperationException($"wasi: no {typeof(T).Name} #{rep} (a handle the host never made)");

    public void Remove(uint rep)
    {
        if (_items.Remove(rep, out var item) && item is IDisposable d) d.Dispose();
    }

    public int Count => _items.Count;

    public void Dispose()
    {
        foreach (var item in _items.Values)
            if (item is IDisposable d) d.Dispose();
        _items.Clear();
    }
}
