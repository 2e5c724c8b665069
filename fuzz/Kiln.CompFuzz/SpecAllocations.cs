using System.Text;

namespace Kiln.CompFuzz;

/// <summary>
/// The canonical ABI's <c>realloc</c> requests, as its Python definitions make them (design/mvp/canonical-abi/
/// definitions.py: <c>lower_flat_values</c>, <c>store_list_into_range</c>, <c>store_string_into_range</c> and the
/// transcoders it picks by source and destination encoding), hashed as the generated bump allocator hashes them.
/// The oracle for each side's allocation hash: the requests are observable by the guest and fixed by the spec
/// (sizes, alignments, the first allocation and the grow and shrink reallocations of transcoding), given the
/// source encoding — the other side's option in a fused adapter, the host's own string representation for a host
/// call (UTF-16 in Kiln's .NET strings, UTF-8 in Wasmtime's Rust strings).
/// </summary>
public sealed class SpecAllocations(StringEncoding? source, StringEncoding destination)
{
    public const int MaxFlat16 = 16;
    private ulong _h;

    public ulong Hash => _h;

    private void Mix(ulong x) => _h = unchecked((ulong.RotateLeft(_h, 23) ^ x) * 0x100000001b3UL);

    private void Add(uint oldSize, uint align, uint size)
    {
        Mix(oldSize); Mix(align); Mix(size);
    }

    /// <summary><c>lower_flat_values</c> of the parameters (the tuple is allocated when they do not fit flat).</summary>
    public SpecAllocations Params(IReadOnlyList<CType> ps, IReadOnlyList<Val> vs)
    {
        if (ps.Sum(p => p.Flat.Count) > MaxFlat16)
        {
            var tuple = CType.Tuple(-1, ps);
            Add(0, (uint)tuple.Align, (uint)tuple.Size);
        }
        for (int i = 0; i < ps.Count; i++) Store(ps[i], vs[i]);
        return this;
    }

    public SpecAllocations Store(CType t, Val v)
    {
        switch (t.Kind)
        {
            case CKind.String: String(v.Text!); break;
            case CKind.List:
                Add(0, (uint)t.Elem!.Align, (uint)(t.Elem.Size * v.Items.Count));
                foreach (var e in v.Items) Store(t.Elem, e);
                break;
            case CKind.Record or CKind.Tuple:
                for (int i = 0; i < t.Fields.Count; i++) Store(t.Fields[i], v.Items[i]);
                break;
            case CKind.Variant or CKind.Option or CKind.Result:
                if (t.Cases[AbiImage.CaseIndex(t, v)] is { } p) Store(p, v.Payload!);
                break;
        }
        return this;
    }

    private void String(string s)
    {
        bool latin1 = s.All(c => c < 0x100);
        bool ascii = s.All(c => c < 0x80);
        // The source's simple encoding and code units (a latin1+utf16 source is latin1 when it fits, as every
        // producer here writes it).
        var src = source ?? StringEncoding.Utf16;
        string simple = src switch
        {
            StringEncoding.Utf8 => "utf8",
            StringEncoding.Utf16 => "utf16",
            _ => latin1 ? "latin1" : "utf16",
        };
        uint units = simple == "utf8" ? (uint)Encoding.UTF8.GetByteCount(s) : (uint)s.Length;
        uint utf8Len = (uint)Encoding.UTF8.GetByteCount(s);
        uint utf16Bytes = 2 * (uint)s.Length;
        switch (destination)
        {
            case StringEncoding.Utf8:
                if (simple == "utf8") { Add(0, 1, units); break; }
                uint worst = simple == "utf16" ? 3 * units : 2 * units;
                Add(0, 1, units);
                if (!ascii)
                {
                    Add(units, 1, worst);
                    if (worst > utf8Len) Add(worst, 1, utf8Len);
                }
                break;
            case StringEncoding.Utf16:
                if (simple == "utf8")
                {
                    Add(0, 2, 2 * units);
                    if (utf16Bytes < 2 * units) Add(2 * units, 2, utf16Bytes);
                }
                else Add(0, 2, 2 * units);
                break;
            default:
                if (src != StringEncoding.Latin1Utf16)
                {
                    Add(0, 2, units);
                    if (!latin1)
                    {
                        Add(units, 2, 2 * units);
                        if (2 * units > utf16Bytes) Add(2 * units, 2, utf16Bytes);
                    }
                    else if ((uint)s.Length < units) Add(units, 2, (uint)s.Length);
                }
                else if (simple == "latin1") Add(0, 2, units);
                else
                {
                    Add(0, 2, 2 * units);
                    if (latin1) Add(2 * units, 1, units);
                }
                break;
        }
    }
}
