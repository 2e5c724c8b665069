using Kiln.Compiler.VmContext;
using Kiln.Runtime.Internal;
using Kiln.Wasm.Model;

namespace Kiln.Runtime;

/// <summary>
/// A global variable: a 16-byte native value slot. A global defined by an instance lives inline in that
/// instance's VMContext; one created by the host has a slot of its own. Importers' VMContexts point to the slot.
/// </summary>
public sealed class Global : Extern
{
    /// <summary>Creates a host global of <paramref name="type"/> holding <paramref name="value"/>.</summary>
    public Global(Store store, GlobalType type, Value value)
        : base(store)
    {
        CheckType(type, value);
        Type = type;
        SlotAddress = store.Own(NativeBlock.Allocate(ValueSlot.Size)).Address;
        ValueSlots.Write(store, SlotAddress, value);
    }

    /// <summary>A global whose slot someone else owns (an instance's VMContext).</summary>
    internal Global(Store store, GlobalType type, nint slot)
        : base(store)
    {
        Type = type;
        SlotAddress = slot;
    }

    /// <inheritdoc />
    public override ExternalKind Kind => ExternalKind.Global;

    /// <summary>Value type and mutability.</summary>
    public GlobalType Type { get; }

    /// <inheritdoc />
    public override string TypeDescription => $"global {(Type.Mutable ? "(mut " + Type.ValueType.ToText() + ")" : Type.ValueType.ToText())}";

    internal nint SlotAddress { get; }

    /// <summary>The current value.</summary>
    public Value Get()
    {
        Store.ThrowIfDisposed();
        return ValueSlots.Read(Store, SlotAddress, Type.ValueType);
    }

    /// <summary>Sets the value; throws for an immutable global or a value of another type.</summary>
    public void Set(Value value)
    {
        Store.ThrowIfDisposed();
        if (!Type.Mutable)
            throw new InvalidOperationException("global is immutable");
        CheckType(Type, value);
        ValueSlots.Write(Store, SlotAddress, value);
    }

    /// <summary>The value, typed for convenience.</summary>
    public Value Value
    {
        get => Get();
        set => Set(value);
    }

    private static void CheckType(GlobalType type, in Value value)
    {
        if (value.Type != type.ValueType)
            throw new ArgumentException($"type mismatch: the global is {type.ValueType.ToText()}, the value {value.Type.ToText()}");
    }
}
