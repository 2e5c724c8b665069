namespace Kiln.CompFuzz;

/// <summary>
/// Draws random component-model types and values of them. Depth and breadth are bounded so a value stays small
/// (a few hundred bytes), yet every kind appears nested in every other: lists of lists, options of records of
/// variants, flags past 32 bits, strings of ASCII, Latin-1, BMP and astral characters.
/// </summary>
public sealed class TypeGenerator(Random rng, int maxFlags)
{
    private int _nextId;

    private static readonly CKind[] Scalars =
    [
        CKind.Bool, CKind.S8, CKind.U8, CKind.S16, CKind.U16, CKind.S32, CKind.U32, CKind.S64, CKind.U64,
        CKind.F32, CKind.F64, CKind.Char, CKind.String,
    ];

    public CType Type(int depth)
    {
        if (depth <= 0 || rng.Next(100) < 40) return CType.Scalar(Scalars[rng.Next(Scalars.Length)]);
        int id = _nextId++;
        switch (rng.Next(9))
        {
            case 0: return CType.List(id, Type(depth - 1));
            case 1: return CType.Record(id, Many(depth, 1, 5));
            case 2: return CType.Tuple(id, Many(depth, 1, 4));
            case 3:
            {
                int n = rng.Next(100) < 90 ? rng.Next(1, 6) : rng.Next(250, 300);
                var cases = new CType?[n];
                for (int i = 0; i < n; i++) cases[i] = n < 8 && rng.Next(3) != 0 ? Type(depth - 1) : null;
                return CType.Variant(id, cases);
            }
            case 4: return CType.Option(id, Type(depth - 1));
            case 5: return CType.Result(id, rng.Next(4) != 0 ? Type(depth - 1) : null, rng.Next(3) != 0 ? Type(depth - 1) : null);
            case 6: return CType.Enum(id, rng.Next(100) < 90 ? rng.Next(1, 10) : rng.Next(250, 300));
            case 7:
            {
                int n = rng.Next(4) switch { 0 => rng.Next(1, 9), 1 => rng.Next(9, 17), 2 => rng.Next(17, 33), _ => rng.Next(33, maxFlags + 1) };
                return CType.Flags(id, Math.Min(n, maxFlags));
            }
            default: return CType.List(id, CType.Scalar(Scalars[rng.Next(Scalars.Length)]));
        }
    }

    private CType[] Many(int depth, int min, int max)
    {
        var a = new CType[rng.Next(min, max + 1)];
        for (int i = 0; i < a.Length; i++) a[i] = Type(depth - 1);
        return a;
    }

    private static readonly int[] CharEdges = [0, 0x7F, 0x80, 0xFF, 0x100, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF];
    private static readonly string[] Pieces = ["a", "Z", "0", " ", "~", "\u00e9", "\u00ff", "\u0080", "\u0416", "\u4e2d", "\uffff", "\U0001F600", "\U0010FFFF", "\0"];

    public string String()
    {
        int n = rng.Next(100) < 10 ? rng.Next(20, 80) : rng.Next(0, 9);
        // Pick a palette per string so pure-ASCII and pure-Latin-1 strings are common (they take the latin1 path).
        int palette = rng.Next(4);
        int limit = palette switch { 0 => 5, 1 => 8, _ => Pieces.Length };
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < n; i++) sb.Append(Pieces[rng.Next(limit)]);
        return sb.ToString();
    }

    public int Char() => rng.Next(3) switch
    {
        0 => CharEdges[rng.Next(CharEdges.Length)],
        1 => rng.Next(0x20, 0x7F),
        _ => RandomScalar(),
    };

    private int RandomScalar()
    {
        while (true)
        {
            int c = rng.Next(0, 0x110000);
            if (c is < 0xD800 or > 0xDFFF) return c;
        }
    }

    private ulong Bits64() => (ulong)rng.NextInt64() ^ ((ulong)rng.Next(2) << 63);

    private uint F32Bits() => rng.Next(8) switch
    {
        0 => 0x7FC00000u, 1 => 0xFFC00000u | (uint)rng.Next(1 << 22), 2 => 0x7F800001u | (uint)rng.Next(1 << 22),
        3 => 0x80000000u, 4 => 0x7F800000u,
        _ => BitConverter.SingleToUInt32Bits((float)(rng.NextDouble() * 2000 - 1000)),
    };

    private ulong F64Bits() => rng.Next(8) switch
    {
        0 => 0x7FF8000000000000UL, 1 => 0xFFF8000000000000UL | (ulong)rng.NextInt64(1L << 51),
        2 => 0x7FF0000000000001UL | (ulong)rng.NextInt64(1L << 51), 3 => 0x8000000000000000UL, 4 => 0xFFF0000000000000UL,
        _ => BitConverter.DoubleToUInt64Bits(rng.NextDouble() * 1e6 - 5e5),
    };

    private ulong Int() => rng.Next(4) switch { 0 => 0, 1 => ulong.MaxValue, 2 => (ulong)rng.Next(-3, 300), _ => Bits64() };

    /// <summary>A random value of <paramref name="t"/>.</summary>
    public Val Value(CType t, int depth = 0)
    {
        switch (t.Kind)
        {
            case CKind.Bool: return Val.Bool(rng.Next(2) == 1);
            case CKind.S8: return Val.S8((sbyte)Int());
            case CKind.U8: return Val.U8((byte)Int());
            case CKind.S16: return Val.S16((short)Int());
            case CKind.U16: return Val.U16((ushort)Int());
            case CKind.S32: return Val.S32((int)Int());
            case CKind.U32: return Val.U32((uint)Int());
            case CKind.S64: return Val.S64((long)Int());
            case CKind.U64: return Val.U64(Int());
            case CKind.F32: return Val.F32Bits(F32Bits());
            case CKind.F64: return Val.F64Bits(F64Bits());
            case CKind.Char: return Val.Char(Char());
            case CKind.Own or CKind.Borrow: return Val.U32((uint)rng.Next(0, 100000));
            case CKind.String: return Val.String(String());
            case CKind.List:
            {
                int max = depth > 2 ? 2 : t.Elem!.IsScalar ? 12 : 4;
                var items = new Val[rng.Next(100) < 15 ? 0 : rng.Next(1, max + 1)];
                for (int i = 0; i < items.Length; i++) items[i] = Value(t.Elem!, depth + 1);
                return Val.List(items);
            }
            case CKind.Record:
                return Val.Record([.. t.Fields.Select((f, i) => ($"f{i}", Value(f, depth + 1)))]);
            case CKind.Tuple:
                return Val.Tuple([.. t.Fields.Select(f => Value(f, depth + 1))]);
            case CKind.Variant:
            {
                int c = rng.Next(t.Cases.Count);
                return Val.Variant(t.CaseName(c), t.Cases[c] is { } p ? Value(p, depth + 1) : null);
            }
            case CKind.Option:
                return rng.Next(3) == 0 ? Val.None() : Val.Some(Value(t.Cases[1]!, depth + 1));
            case CKind.Result:
            {
                bool ok = rng.Next(2) == 0;
                var p = t.Cases[ok ? 0 : 1];
                var payload = p is null ? null : Value(p, depth + 1);
                return ok ? Val.Ok(payload) : Val.Err(payload);
            }
            case CKind.Enum: return Val.Enum(t.CaseName(rng.Next(t.Count)));
            case CKind.Flags:
            {
                var set = new List<string>();
                for (int i = 0; i < t.Count; i++) if (rng.Next(2) == 0) set.Add($"g{i}");
                return Val.Flags([.. set]);
            }
            default: throw new InvalidOperationException(t.Kind.ToString());
        }
    }
}
