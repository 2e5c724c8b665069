namespace Kiln.Compiler.Translate;

/// <summary>
/// A per-function cache indexed by a module index (function, type, global, ...), cleared in O(1) between
/// functions by bumping a generation stamp instead of wiping the arrays.
/// </summary>
internal sealed class StampedCache<T>
    where T : struct
{
    private int[] stamps = [];
    private T[] values = [];
    private int generation = 1;

    public void Reset(int capacity)
    {
        if (stamps.Length < capacity)
        {
            stamps = new int[capacity];
            values = new T[capacity];
            generation = 1;
            return;
        }
        generation++;
    }

    public bool TryGet(uint index, out T value)
    {
        if (stamps[index] == generation)
        {
            value = values[index];
            return true;
        }
        value = default;
        return false;
    }

    public void Set(uint index, T value)
    {
        stamps[index] = generation;
        values[index] = value;
    }
}
