using System.Buffers.Binary;
using System.Text;

namespace Kiln.CompFuzz;

/// <summary>Where a byte change makes lifting the value trap (or normalize it): the generator's way to produce
/// invalid values at known places.</summary>
public enum SiteKind { Discriminant, Char, StringPtr, ListPtr, Utf8Byte, Utf16Unit, Bool }

public readonly record struct CorruptionSite(int Address, SiteKind Kind, int Size, int Cases);

/// <summary>
/// The canonical ABI's <c>store</c> of a value in C#: the bytes a callee writes for its results, laid out at a
/// fixed base address with strings and lists after it, in the callee's string encoding. Records every place where
/// a corrupted byte makes lifting trap, so a case can carry an invalid value on purpose.
/// </summary>
public sealed class AbiImage(int baseAddress, StringEncoding encoding)
{
    private readonly List<byte> _bytes = [];
    public List<CorruptionSite> Sites { get; } = [];
    public int Base => baseAddress;
    public int End => baseAddress + _bytes.Count;
    public byte[] Bytes => [.. _bytes];

    public int Alloc(int size, int align)
    {
        int at = CType.AlignTo(End, Math.Max(align, 1));
        while (End < at + size) _bytes.Add(0);
        return at;
    }

    private void Put(int addr, ulong v, int size)
    {
        for (int i = 0; i < size; i++) _bytes[addr - baseAddress + i] = (byte)(v >> (8 * i));
    }

    public void Poke(int addr, ulong v, int size) => Put(addr, v, size);

    public ulong Peek(int addr, int size)
    {
        ulong v = 0;
        for (int i = 0; i < size; i++) v |= (ulong)_bytes[addr - baseAddress + i] << (8 * i);
        return v;
    }

    public void Store(CType t, Val v, int addr)
    {
        switch (t.Kind)
        {
            case CKind.Bool: Put(addr, v.Bits, 1); Sites.Add(new(addr, SiteKind.Bool, 1, 0)); break;
            case CKind.S8 or CKind.U8: Put(addr, v.Bits, 1); break;
            case CKind.S16 or CKind.U16: Put(addr, v.Bits, 2); break;
            case CKind.S32 or CKind.U32 or CKind.F32: Put(addr, v.Bits, 4); break;
            case CKind.Char: Put(addr, v.Bits, 4); Sites.Add(new(addr, SiteKind.Char, 4, 0)); break;
            case CKind.S64 or CKind.U64 or CKind.F64: Put(addr, v.Bits, 8); break;
            case CKind.String:
            {
                var (ptr, len) = StoreString(v.Text!);
                Put(addr, (uint)ptr, 4); Put(addr + 4, len, 4);
                Sites.Add(new(addr, SiteKind.StringPtr, 8, 0));
                break;
            }
            case CKind.List:
            {
                var e = t.Elem!;
                int ptr = Alloc(e.Size * v.Items.Count, e.Align);
                for (int i = 0; i < v.Items.Count; i++) Store(e, v.Items[i], ptr + i * e.Size);
                Put(addr, (uint)ptr, 4); Put(addr + 4, (uint)v.Items.Count, 4);
                Sites.Add(new(addr, SiteKind.ListPtr, 8, 0));
                break;
            }
            case CKind.Record or CKind.Tuple:
                for (int i = 0; i < t.Fields.Count; i++) Store(t.Fields[i], v.Items[i], addr + t.Offsets[i]);
                break;
            case CKind.Enum:
                Put(addr, (ulong)CaseIndex(t, v), t.DiscSize);
                Sites.Add(new(addr, SiteKind.Discriminant, t.DiscSize, t.Count));
                break;
            case CKind.Variant or CKind.Option or CKind.Result:
            {
                int c = CaseIndex(t, v);
                Put(addr, (ulong)c, t.DiscSize);
                Sites.Add(new(addr, SiteKind.Discriminant, t.DiscSize, t.Cases.Count));
                if (t.Cases[c] is { } p) Store(p, v.Payload!, addr + t.PayloadOffset);
                break;
            }
            case CKind.Flags:
            {
                var bits = FlagBits(t, v);
                if (t.Size <= 2) Put(addr, bits[0], t.Size);
                else for (int i = 0; i < bits.Length; i++) Put(addr + 4 * i, bits[i], 4);
                break;
            }
            default: throw new InvalidOperationException(t.Kind.ToString());
        }
    }

    private (int Ptr, uint Len) StoreString(string s)
    {
        switch (encoding)
        {
            case StringEncoding.Utf8:
            {
                var b = Encoding.UTF8.GetBytes(s);
                int p = Alloc(b.Length, 1);
                for (int i = 0; i < b.Length; i++) _bytes[p - baseAddress + i] = b[i];
                if (b.Length > 0) Sites.Add(new(p, SiteKind.Utf8Byte, b.Length, 0));
                return (p, (uint)b.Length);
            }
            case StringEncoding.Latin1Utf16 when s.All(c => c < 256):
            {
                int p = Alloc(s.Length, 2);
                for (int i = 0; i < s.Length; i++) _bytes[p - baseAddress + i] = (byte)s[i];
                return (p, (uint)s.Length);
            }
            default:
            {
                int p = Alloc(2 * s.Length, 2);
                for (int i = 0; i < s.Length; i++) Put(p + 2 * i, s[i], 2);
                if (s.Length > 0) Sites.Add(new(p, SiteKind.Utf16Unit, 2 * s.Length, 0));
                return (p, (uint)s.Length | (encoding == StringEncoding.Latin1Utf16 ? StringEncodings.Utf16Tag : 0));
            }
        }
    }

    public static int CaseIndex(CType t, Val v)
    {
        switch (t.Kind)
        {
            case CKind.Option: return v.IsOk ? 1 : 0;
            case CKind.Result: return v.IsOk ? 0 : 1;
            default:
                for (int i = 0; i < t.CaseCount; i++) if (t.CaseName(i) == v.Text) return i;
                throw new InvalidOperationException($"no case {v.Text}");
        }
    }

    public static uint[] FlagBits(CType t, Val v)
    {
        var bits = new uint[(t.Count + 31) / 32];
        foreach (var n in v.Names)
        {
            int i = int.Parse(n.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
            bits[i / 32] |= 1u << (i % 32);
        }
        return bits;
    }

    /// <summary>The canonical ABI's <c>lower_flat</c> of a value that flattens to one core value (the callee's
    /// direct result): its bits, as the result's core type holds them.</summary>
    public static ulong FlatSingle(CType t, Val v)
    {
        switch (t.Kind)
        {
            case CKind.Record or CKind.Tuple:
                for (int i = 0; i < t.Fields.Count; i++) if (t.Fields[i].Flat.Count == 1) return FlatSingle(t.Fields[i], v.Items[i]);
                throw new InvalidOperationException("no single flat field");
            case CKind.Variant or CKind.Enum or CKind.Option or CKind.Result: return (ulong)CaseIndex(t, v);
            case CKind.Flags: return FlagBits(t, v)[0];
            case CKind.S8 or CKind.S16 or CKind.S32: return (uint)(int)(long)v.Bits;
            default: return v.Bits;
        }
    }
}
