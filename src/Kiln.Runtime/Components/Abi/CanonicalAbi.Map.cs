using Kiln.Component.Validation.Types;

namespace Kiln.Runtime.Components.Abi;

// map<K, V>: in the ABI it is list<tuple<K, V>> (CanonicalABI.md, despecialize), so an entry is laid out as that
// tuple's fields. Entries keep their order and duplicate keys pass through unchanged (Explainer.md: bindings may
// deduplicate, the ABI does not).
internal static partial class CanonicalAbi
{
    /// <summary>Size and alignment of one entry of map type <paramref name="d"/> and the offset of its value.</summary>
    private static (long Size, int Align, long ValueOffset) EntryLayout(TypeArena types, DefinedTypeData d)
    {
        ResolvedValType k = d.Types[0]!.Value, v = d.Types[1]!.Value;
        var (size, align) = TupleLayout(types, [k, v]);
        return (size, align, AlignTo(Layout(types, k).Size, Layout(types, v).Align));
    }

    private static Val LoadMap(CallContext cx, DefinedTypeData d, uint ptr, uint length)
    {
        var (es, ea, valueOffset) = EntryLayout(cx.Types, d);
        return Val.Map(LoadElements(cx, ptr, length, es, ea, (d, valueOffset), static (cx, s, at) =>
            KeyValuePair.Create(Load(cx, s.d.Types[0]!.Value, at), Load(cx, s.d.Types[1]!.Value, at + (ulong)s.valueOffset))));
    }

    private static (uint Ptr, uint Length) StoreMap(CallContext cx, Val v, DefinedTypeData d)
    {
        var (es, ea, valueOffset) = EntryLayout(cx.Types, d);
        return StoreElements(cx, v.Entries, es, ea, (d, valueOffset), static (cx, entry, s, at) =>
        {
            Store(cx, entry.Key, s.d.Types[0]!.Value, at);
            Store(cx, entry.Value, s.d.Types[1]!.Value, at + (ulong)s.valueOffset);
        });
    }
}
