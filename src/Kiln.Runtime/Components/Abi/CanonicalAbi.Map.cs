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
        CheckListContent(cx, ptr, length, es, ea);
        var entries = new KeyValuePair<Val, Val>[length];
        for (uint i = 0; i < length; i++)
        {
            ulong at = ptr + i * (ulong)es;
            entries[i] = KeyValuePair.Create(Load(cx, d.Types[0]!.Value, at), Load(cx, d.Types[1]!.Value, at + (ulong)valueOffset));
        }
        return Val.Map(entries);
    }

    private static (uint Ptr, uint Length) StoreMap(CallContext cx, Val v, DefinedTypeData d)
    {
        var (es, ea, valueOffset) = EntryLayout(cx.Types, d);
        var entries = v.Entries;
        uint ptr = AllocList(cx, entries.Count, es, ea);
        for (int i = 0; i < entries.Count; i++)
        {
            ulong at = ptr + (ulong)i * (ulong)es;
            Store(cx, entries[i].Key, d.Types[0]!.Value, at);
            Store(cx, entries[i].Value, d.Types[1]!.Value, at + (ulong)valueOffset);
        }
        return (ptr, (uint)entries.Count);
    }
}
