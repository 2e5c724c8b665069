namespace Kiln.Runtime.Components;

/// <summary>One entry of a handle table: a resource's type and representation, whether it is owned, how many
/// borrows of it are lent out (an own cannot be dropped or moved while lent), and for a borrow handle the call
/// that lent it (so the call can check every borrow was dropped before it returns).</summary>
internal sealed class HandleEntry(object type, uint rep, bool own)
{
    public object Type { get; } = type;
    public uint Rep { get; } = rep;
    public bool Own { get; } = own;
    public int Lends { get; set; }
    public CallScope? Scope { get; init; }
}

/// <summary>Borrow handles created for one call into an instance; the call traps if any is left when it returns.</summary>
internal sealed class CallScope
{
    public int Borrows { get; set; }
}

/// <summary>
/// A component instance's handle table (CanonicalABI.md "Handle tables"): indices from 1 (0 is never valid),
/// freed slots reused. Errors are Wasmtime's traps ("unknown handle index N", "... used with the wrong type").
/// </summary>
internal sealed class HandleTable
{
    private readonly List<HandleEntry?> _entries = [null];
    private readonly Stack<int> _free = new();

    public const int MaxLength = 1 << 28;

    public uint Add(HandleEntry e)
    {
        if (_free.TryPop(out int i)) { _entries[i] = e; return (uint)i; }
        if (_entries.Count >= MaxLength) throw ComponentTraps.Abi("handle table full");
        _entries.Add(e);
        return (uint)(_entries.Count - 1);
    }

    public HandleEntry Get(uint index) =>
        index < (uint)_entries.Count && _entries[(int)index] is { } e ? e : throw ComponentTraps.Abi($"unknown handle index {index}");

    public HandleEntry Remove(uint index)
    {
        var e = Get(index);
        _entries[(int)index] = null;
        _free.Push((int)index);
        return e;
    }

    /// <summary>The entry at <paramref name="index"/>, which must be of resource type <paramref name="type"/>.</summary>
    public HandleEntry GetTyped(uint index, object type)
    {
        var e = Get(index);
        if (!ReferenceEquals(e.Type, type)) throw WrongType(index, e.Type, type);
        return e;
    }

    public static Trap WrongType(uint index, object found, object expected) =>
        ComponentTraps.Abi($"handle index {index} used with the wrong type, expected {Describe(expected)} but found "
            + (Describe(found) == Describe(expected) ? "a different " : "") + Describe(found));

    private static string Describe(object type) => type is GuestResourceType ? "guest-defined resource" : "host-defined resource";

    public int Count
    {
        get
        {
            int n = 0;
            foreach (var e in _entries) if (e is not null) n++;
            return n;
        }
    }
}

/// <summary>The run-time identity of a resource type defined by a component instance.</summary>
internal sealed class GuestResourceType(int index, int instance)
{
    public int Index { get; } = index;
    /// <summary>The run-time component instance that defined it (its rep is that instance's business).</summary>
    public int Instance { get; } = instance;
    public Func? Destructor { get; set; }
    public override string ToString() => $"resource{Index}";
}
