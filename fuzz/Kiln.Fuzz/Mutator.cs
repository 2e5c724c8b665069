namespace Kiln.Fuzz;

/// <summary>
/// Damages valid wasm binaries in the ways decoders get wrong: bit flips, byte changes, truncation,
/// insertion and deletion, overlong and overflowing LEB128, huge counts, bogus section sizes, duplicated,
/// reordered and spliced sections. Deterministic for a given <see cref="Random"/>.
/// </summary>
public sealed class Mutator(Random rng, IReadOnlyList<byte[]> donors)
{
    private delegate void Mutation(List<byte> b);

    private static readonly byte[] Interesting = [0x00, 0x01, 0x0B, 0x40, 0x60, 0x6F, 0x70, 0x7F, 0x80, 0xFC, 0xFD, 0xFF];
    private static readonly uint[] InterestingU32 = [0, 1, 0x7F, 0x80, 0x3FFF, 0x4000, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF];

    /// <summary>Applies one to four mutations to a copy of <paramref name="input"/>.</summary>
    public byte[] Mutate(byte[] input)
    {
        var b = new List<byte>(input);
        int n = 1 + rng.Next(rng.Next(2) == 0 ? 1 : 4);
        var table = Mutations;
        for (int i = 0; i < n; i++) table[rng.Next(table.Length)](b);
        return b.ToArray();
    }

    private Mutation[] Mutations =>
    [
        FlipBit, FlipBit, SetByte, SetByte, AddToByte, Truncate, Insert, Delete,
        OverlongLeb, OverflowLeb, HugeCount, BogusSectionSize, BogusSectionSize,
        DuplicateSection, SwapSections, DeleteSection, Splice, CorruptCount,
    ];

    private int Pos(List<byte> b) => b.Count == 0 ? 0 : rng.Next(b.Count);

    /// <summary>Mutations aim past the header most of the time: a broken header only tests one check.</summary>
    private int BodyPos(List<byte> b) => b.Count > 8 && rng.Next(8) != 0 ? 8 + rng.Next(b.Count - 8) : Pos(b);

    private void FlipBit(List<byte> b)
    {
        if (b.Count == 0) return;
        int p = BodyPos(b);
        b[p] ^= (byte)(1 << rng.Next(8));
    }

    private void SetByte(List<byte> b)
    {
        if (b.Count == 0) return;
        b[BodyPos(b)] = rng.Next(2) == 0 ? Interesting[rng.Next(Interesting.Length)] : (byte)rng.Next(256);
    }

    private void AddToByte(List<byte> b)
    {
        if (b.Count == 0) return;
        int p = BodyPos(b);
        b[p] = (byte)(b[p] + rng.Next(-16, 17));
    }

    private void Truncate(List<byte> b)
    {
        if (b.Count == 0) return;
        int keep = rng.Next(b.Count);
        b.RemoveRange(keep, b.Count - keep);
    }

    private void Insert(List<byte> b)
    {
        int n = 1 + rng.Next(8);
        var bytes = new byte[n];
        for (int i = 0; i < n; i++) bytes[i] = rng.Next(2) == 0 ? Interesting[rng.Next(Interesting.Length)] : (byte)rng.Next(256);
        b.InsertRange(b.Count == 0 ? 0 : BodyPos(b), bytes);
    }

    private void Delete(List<byte> b)
    {
        if (b.Count == 0) return;
        int p = BodyPos(b);
        b.RemoveRange(p, Math.Min(1 + rng.Next(8), b.Count - p));
    }

    /// <summary>Pads a LEB128 byte with redundant continuation bytes, past the 5-byte limit half the time.</summary>
    private void OverlongLeb(List<byte> b)
    {
        if (b.Count <= 8) return;
        int p = BodyPos(b);
        int start = p;
        while (start > 8 && (b[start - 1] & 0x80) != 0) start--;
        int end = p;
        while (end < b.Count - 1 && (b[end] & 0x80) != 0) end++;
        int len = end - start + 1;
        int target = rng.Next(2) == 0 ? 5 : 6 + rng.Next(6);
        if (len >= target) return;
        b[end] |= 0x80;
        var pad = new byte[target - len];
        Array.Fill(pad, (byte)0x80);
        pad[^1] = 0x00;
        b.InsertRange(end + 1, pad);
    }

    /// <summary>Writes a five-byte LEB128 whose last byte sets bits beyond 32.</summary>
    private void OverflowLeb(List<byte> b)
    {
        if (b.Count <= 8) return;
        int p = BodyPos(b);
        b[p] = 0xFF;
        b.InsertRange(p + 1, [0xFF, 0xFF, 0xFF, (byte)(0x10 | rng.Next(0x70))]);
    }

    private void HugeCount(List<byte> b)
    {
        if (b.Count <= 8) return;
        var secs = SectionMap.Parse(b.ToArray());
        uint v = InterestingU32[rng.Next(InterestingU32.Length)];
        if (secs.Count > 0 && rng.Next(2) == 0)
        {
            // The first LEB of a section's content is its item count for every known section.
            var s = secs[rng.Next(secs.Count)];
            ReplaceLeb(b, s.ContentAt, v);
        }
        else
        {
            ReplaceLeb(b, BodyPos(b), v);
        }
    }

    private void CorruptCount(List<byte> b)
    {
        var secs = SectionMap.Parse(b.ToArray());
        if (secs.Count == 0) return;
        var s = secs[rng.Next(secs.Count)];
        if (s.ContentAt >= b.Count) return;
        int pos = s.ContentAt;
        if (!SectionMap.TryReadU32(b.ToArray(), ref pos, out uint count)) return;
        ReplaceLeb(b, s.ContentAt, (uint)Math.Max(0, (long)count + rng.Next(-2, 3)));
    }

    private void BogusSectionSize(List<byte> b)
    {
        var secs = SectionMap.Parse(b.ToArray());
        if (secs.Count == 0) return;
        var s = secs[rng.Next(secs.Count)];
        uint size = (uint)(s.End - s.ContentAt);
        uint v = rng.Next(3) switch
        {
            0 => (uint)Math.Max(0, size + rng.Next(-3, 4)),
            1 => InterestingU32[rng.Next(InterestingU32.Length)],
            _ => 0,
        };
        b.RemoveRange(s.SizeAt, s.SizeLength);
        b.InsertRange(s.SizeAt, Leb(v, rng.Next(4) == 0 ? 5 : 0));
    }

    private void DuplicateSection(List<byte> b)
    {
        var secs = SectionMap.Parse(b.ToArray());
        if (secs.Count == 0) return;
        var s = secs[rng.Next(secs.Count)];
        var copy = b.GetRange(s.Start, s.End - s.Start);
        var at = secs[rng.Next(secs.Count)];
        b.InsertRange(rng.Next(2) == 0 ? at.Start : at.End, copy);
    }

    private void SwapSections(List<byte> b)
    {
        var secs = SectionMap.Parse(b.ToArray());
        if (secs.Count < 2) return;
        int i = rng.Next(secs.Count - 1);
        var (x, y) = (secs[i], secs[i + 1]);
        var first = b.GetRange(x.Start, x.End - x.Start);
        var second = b.GetRange(y.Start, y.End - y.Start);
        b.RemoveRange(x.Start, y.End - x.Start);
        b.InsertRange(x.Start, [.. second, .. first]);
    }

    private void DeleteSection(List<byte> b)
    {
        var secs = SectionMap.Parse(b.ToArray());
        if (secs.Count == 0) return;
        var s = secs[rng.Next(secs.Count)];
        b.RemoveRange(s.Start, s.End - s.Start);
    }

    /// <summary>Copies a section of another seed in, so sections meet contents they were not written for.</summary>
    private void Splice(List<byte> b)
    {
        if (donors.Count == 0) return;
        var donor = donors[rng.Next(donors.Count)];
        var secs = SectionMap.Parse(donor);
        if (secs.Count == 0) return;
        var s = secs[rng.Next(secs.Count)];
        var mine = SectionMap.Parse(b.ToArray());
        int at = mine.Count == 0 ? b.Count : rng.Next(2) == 0 ? mine[rng.Next(mine.Count)].Start : mine[rng.Next(mine.Count)].End;
        if (rng.Next(2) == 0 && mine.Count > 0)
        {
            // Replace one of ours with the donor's section of the same id when there is one.
            foreach (var m in mine)
            {
                if (m.Id != s.Id) continue;
                b.RemoveRange(m.Start, m.End - m.Start);
                at = m.Start;
                break;
            }
        }
        b.InsertRange(at, donor.AsSpan(s.Start, s.End - s.Start).ToArray());
    }

    private void ReplaceLeb(List<byte> b, int at, uint value)
    {
        if (at >= b.Count) return;
        int end = at;
        while (end < b.Count - 1 && end - at < 10 && (b[end] & 0x80) != 0) end++;
        b.RemoveRange(at, end - at + 1);
        b.InsertRange(at, Leb(value, rng.Next(4) == 0 ? 5 : 0));
    }

    /// <summary>LEB128 of <paramref name="v"/>, padded to <paramref name="minLength"/> bytes.</summary>
    public static byte[] Leb(uint v, int minLength = 0)
    {
        var r = new List<byte>();
        do
        {
            byte x = (byte)(v & 0x7F);
            v >>= 7;
            if (v != 0 || r.Count + 1 < minLength) x |= 0x80;
            r.Add(x);
        } while (v != 0 || r.Count < minLength);
        return r.ToArray();
    }
}
