using Kiln.Wasm.Model;

namespace Kiln.Runtime;

/// <summary>
/// Gives each distinct function type a canonical u32 id, engine-wide, so that call_indirect and import checks
/// compare one integer: structurally equal types from any module get the same id. Ids start at 1; 0 is
/// never a type (zeroed memory does not look like a valid signature). Thread-safe; ids are never reused.
/// </summary>
public sealed class TypeRegistry
{
    private readonly object gate = new();
    private readonly Dictionary<FuncType, uint> ids = [];
    private readonly List<FuncType> types = [null!]; // index 0 reserved

    /// <summary>The id that no type has.</summary>
    public const uint InvalidId = 0;

    /// <summary>The canonical id of <paramref name="type"/>, assigning one if it is new.</summary>
    public uint Register(FuncType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        lock (gate)
        {
            if (ids.TryGetValue(type, out uint id))
                return id;
            id = checked((uint)types.Count);
            // Copy, so a caller mutating its arrays later cannot change a registered type.
            var copy = new FuncType([.. type.Params], [.. type.Results]);
            ids.Add(copy, id);
            types.Add(copy);
            return id;
        }
    }

    /// <summary>The id of <paramref name="type"/> if it was registered.</summary>
    public bool TryGetId(FuncType type, out uint id)
    {
        ArgumentNullException.ThrowIfNull(type);
        lock (gate)
            return ids.TryGetValue(type, out id);
    }

    /// <summary>The type with canonical id <paramref name="id"/>.</summary>
    public FuncType this[uint id]
    {
        get
        {
            lock (gate)
            {
                if (id == InvalidId || id >= (uint)types.Count)
                    throw new ArgumentOutOfRangeException(nameof(id), id, "no such type id");
                return types[(int)id];
            }
        }
    }

    /// <summary>Number of registered types.</summary>
    public int Count
    {
        get
        {
            lock (gate)
                return types.Count - 1;
        }
    }
}
