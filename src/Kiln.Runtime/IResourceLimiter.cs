namespace Kiln.Runtime;

/// <summary>
/// Decides, growth by growth, whether a store's memories and tables may grow (Wasmtime's <c>ResourceLimiter</c>),
/// after the declared maximum and <see cref="StoreLimits"/> have allowed it. Set it with
/// <see cref="Store.Limiter"/>. A refusal is what <c>memory.grow</c>/<c>table.grow</c> report as -1 (and
/// <see cref="Memory.TryGrow"/>/<see cref="Table.TryGrow"/> as false); an exception thrown here is a refusal too.
/// </summary>
public interface IResourceLimiter
{
    /// <summary>Whether a memory of <paramref name="currentBytes"/> may become <paramref name="desiredBytes"/>
    /// (<paramref name="maximumBytes"/>: its declared maximum, or null).</summary>
    bool MemoryGrowing(ulong currentBytes, ulong desiredBytes, ulong? maximumBytes);

    /// <summary>Whether a table of <paramref name="currentElements"/> may become <paramref name="desiredElements"/>
    /// (<paramref name="maximumElements"/>: its declared maximum, or null).</summary>
    bool TableGrowing(uint currentElements, uint desiredElements, uint? maximumElements);
}
