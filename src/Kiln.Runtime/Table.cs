using Kiln.Compiler.VmContext;
using Kiln.Runtime.Internal;
using Kiln.Wasm.Model;

namespace Kiln.Runtime;

/// <summary>
/// A table of references: 8-byte entries in a native array (funcref entries are VMFuncRef addresses,
/// externref entries store handles, 0 is null) described by a VMTableDefinition that VMContexts point to.
/// Growing may move the array; the definition is updated, and generated code reloads it on every access.
/// </summary>
public sealed unsafe class Table : Extern
{
    private readonly NativeBlock definition;
    private readonly NativeBlock elements;
    private readonly uint maxElements;
    private uint capacity;

    /// <summary>Creates a table of <paramref name="type"/> with every element set to <paramref name="init"/>.</summary>
    public Table(Store store, TableType type, Value init)
        : base(store)
    {
        if (!type.ElementType.IsReference())
            throw new ArgumentException($"{type.ElementType.ToText()} is not a reference type", nameof(type));
        var limits = type.Limits;
        if (limits.Min > uint.MaxValue || limits.Max > uint.MaxValue)
            throw new ArgumentException("a table has at most 2^32-1 elements", nameof(type));
        if (limits.Max is { } m && m < limits.Min)
            throw new ArgumentException("size minimum must not be greater than maximum", nameof(type));
        if (limits.Min > store.Limits.MaxTableElements)
            throw new ResourceLimitException($"table minimum of {limits.Min} elements exceeds the store's limit of {store.Limits.MaxTableElements}");
        CheckType(type.ElementType, init);
        Type = type;
        maxElements = (uint)Math.Min(limits.Max ?? uint.MaxValue, store.Limits.MaxTableElements);
        capacity = (uint)limits.Min;
        definition = store.Own(NativeBlock.Allocate(VMTableDefinition.Size));
        elements = store.Own(NativeBlock.Allocate((nuint)capacity * 8, 8));
        Publish((uint)limits.Min);
        nint raw = store.ReferenceToRaw(init);
        if (raw != 0)
            FillRaw(0, raw, (uint)limits.Min);
    }

    /// <inheritdoc />
    public override ExternalKind Kind => ExternalKind.Table;

    /// <summary>The type the table was created with.</summary>
    public TableType Type { get; }

    /// <summary>The element type.</summary>
    public ValType ElementType => Type.ElementType;

    /// <summary>The current type: current size as the minimum, the declared maximum.</summary>
    public TableType CurrentType => new(Type.ElementType, new Limits(Size, Type.Limits.Max));

    /// <inheritdoc />
    public override string TypeDescription => $"table {CurrentType.Limits} {ElementType.ToText()}";

    /// <summary>Current number of elements.</summary>
    public uint Size => *(uint*)(DefinitionAddress + VMTableDefinition.CurrentLength);

    /// <summary>The most elements the table may grow to (declared maximum and store limit).</summary>
    public uint MaximumSize => maxElements;

    /// <summary>Address of the VMTableDefinition that VMContexts point to.</summary>
    internal nint DefinitionAddress => definition.Address;

    private nint* Elements => *(nint**)(DefinitionAddress + VMTableDefinition.Elements);

    /// <summary>Element <paramref name="index"/>; throws a table-out-of-bounds <see cref="Trap"/> past the end.</summary>
    public Value Get(uint index)
    {
        Store.ThrowIfDisposed();
        if (index >= Size)
            throw new Trap(TrapCode.TableOutOfBounds);
        return Store.ReferenceFromRaw(ElementType, Elements[index]);
    }

    /// <summary>Sets element <paramref name="index"/>; throws a table-out-of-bounds <see cref="Trap"/> past the end.</summary>
    public void Set(uint index, Value value)
    {
        Store.ThrowIfDisposed();
        CheckType(ElementType, value);
        if (index >= Size)
            throw new Trap(TrapCode.TableOutOfBounds);
        Elements[index] = Store.ReferenceToRaw(value);
    }

    /// <summary>Grows by <paramref name="delta"/> elements set to <paramref name="init"/>; false (as table.grow's -1)
    /// when the maximum or the store limit would be exceeded.</summary>
    public bool TryGrow(uint delta, Value init, out uint oldSize)
    {
        Store.ThrowIfDisposed();
        CheckType(ElementType, init);
        return TryGrowRaw(delta, Store.ReferenceToRaw(init), out oldSize);
    }

    /// <summary>Grows by <paramref name="delta"/> elements and returns the old size; throws when growth fails.</summary>
    public uint Grow(uint delta, Value init) =>
        TryGrow(delta, init, out uint old) ? old
        : throw new InvalidOperationException($"cannot grow the table from {Size} by {delta} elements (maximum {maxElements})");

    internal bool TryGrowRaw(uint delta, nint init, out uint oldSize)
    {
        oldSize = Size;
        if (delta == 0)
            return true;
        if (delta > maxElements || oldSize > maxElements - delta)
            return false;
        uint newSize = oldSize + delta;
        if (Store.Limiter is { } limiter && !limiter.TableGrowing(oldSize, newSize, (uint?)Type.Limits.Max))
            return false;
        if (newSize > capacity)
        {
            // Amortized doubling, but never past the maximum.
            uint newCapacity = (uint)Math.Min(Math.Max((ulong)newSize, (ulong)capacity * 2), maxElements);
            try
            {
                elements.Reallocate((nuint)newCapacity * 8);
            }
            catch (OutOfMemoryException)
            {
                return false;
            }
            capacity = newCapacity;
        }
        Publish(newSize);
        FillRaw(oldSize, init, delta);
        return true;
    }

    internal nint GetRaw(uint index) => Elements[index];

    internal void SetRaw(uint index, nint value) => Elements[index] = value;

    /// <summary>Whether [start, start + length) lies inside the table.</summary>
    internal bool InBounds(uint start, uint length) => (ulong)start + length <= Size;

    internal void FillRaw(uint start, nint value, uint length)
    {
        var p = Elements + start;
        for (uint i = 0; i < length; i++)
            p[i] = value;
    }

    /// <summary>memmove of entries, bounds already checked.</summary>
    internal static void CopyRaw(Table destination, uint dst, Table source, uint src, uint length) =>
        System.Runtime.InteropServices.NativeMemory.Copy(source.Elements + src, destination.Elements + dst, (nuint)length * 8);

    internal void WriteRaw(uint start, ReadOnlySpan<nint> values) => values.CopyTo(new Span<nint>(Elements + start, values.Length));

    private void Publish(uint size)
    {
        *(nint*)(DefinitionAddress + VMTableDefinition.Elements) = elements.Address;
        *(uint*)(DefinitionAddress + VMTableDefinition.CurrentLength) = size;
    }

    private static void CheckType(ValType elementType, in Value value)
    {
        if (value.Type != elementType)
            throw new ArgumentException($"type mismatch: a {elementType.ToText()} table cannot hold {value.Type.ToText()}");
    }
}
