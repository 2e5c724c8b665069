namespace Kiln.Codegen;

/// <summary>A set of physical registers: one 64-bit word per register class.</summary>
public struct PRegSet : IEquatable<PRegSet>
{
    private ulong _int;
    private ulong _float;

    public static PRegSet Empty => default;

    public static PRegSet Of(params ReadOnlySpan<PReg> regs)
    {
        var s = default(PRegSet);
        foreach (var r in regs) s.Add(r);
        return s;
    }

    public readonly bool IsEmpty => (_int | _float) == 0;

    public readonly int Count => System.Numerics.BitOperations.PopCount(_int) + System.Numerics.BitOperations.PopCount(_float);

    public void Add(PReg r)
    {
        if (r.Class == RegClass.Int) _int |= 1UL << r.HwEnc;
        else _float |= 1UL << r.HwEnc;
    }

    public void Remove(PReg r)
    {
        if (r.Class == RegClass.Int) _int &= ~(1UL << r.HwEnc);
        else _float &= ~(1UL << r.HwEnc);
    }

    public readonly bool Contains(PReg r) =>
        ((r.Class == RegClass.Int ? _int : _float) >> r.HwEnc & 1) != 0;

    public readonly bool ContainsIndex(int index) => Contains(PReg.FromIndex(index));

    public readonly PRegSet Union(PRegSet o) { var s = this; s._int |= o._int; s._float |= o._float; return s; }
    public readonly PRegSet Intersect(PRegSet o) { var s = this; s._int &= o._int; s._float &= o._float; return s; }
    public readonly PRegSet Except(PRegSet o) { var s = this; s._int &= ~o._int; s._float &= ~o._float; return s; }

    /// <summary>Bits of one class (bit n = hardware register n).</summary>
    public readonly ulong ClassBits(RegClass cls) => cls == RegClass.Int ? _int : _float;

    /// <summary>Members in ascending index order (allocates; not for inner loops).</summary>
    public readonly PReg[] ToArray()
    {
        var result = new PReg[Count];
        int n = 0;
        for (int c = 0; c < RegClasses.Count; c++)
        {
            ulong bits = ClassBits((RegClass)c);
            while (bits != 0)
            {
                int hw = System.Numerics.BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                result[n++] = new PReg((RegClass)c, hw);
            }
        }
        return result;
    }

    public readonly bool Equals(PRegSet other) => _int == other._int && _float == other._float;
    public override readonly bool Equals(object? obj) => obj is PRegSet o && Equals(o);
    public override readonly int GetHashCode() => HashCode.Combine(_int, _float);
    public static bool operator ==(PRegSet a, PRegSet b) => a.Equals(b);
    public static bool operator !=(PRegSet a, PRegSet b) => !a.Equals(b);

    public override readonly string ToString() => "{" + string.Join(", ", (object[])Array.ConvertAll(ToArray(), r => (object)r)) + "}";
}
