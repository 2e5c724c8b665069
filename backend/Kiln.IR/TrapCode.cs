using System.Globalization;

namespace Kiln.IR;

/// <summary>
/// Why an instruction traps: the one trap vocabulary from the IR to the trap table. The backend reserves a few
/// codes for traps it produces itself or that mean the same on any machine (stack overflow from the prologue,
/// division checks, conversions, out-of-bounds memory access by guard page, <c>trap unreachable</c>); every other
/// code is a <em>user</em> code, <see cref="User"/>(n), that the backend carries without knowing what it means
/// (as Cranelift's <c>TrapCode::user</c>). WebAssembly's and the component model's traps are user codes defined by
/// Kiln.Compiler. Memory instructions carry one so the backend can record a trap-table entry for the faulting
/// instruction; <see cref="None"/> (printed <c>notrap</c>) promises the access cannot fault.
/// </summary>
/// <remarks>The raw byte is what the trap table stores and <c>kilnrt_trap_raise</c> carries: 0 is no trap,
/// 1..<see cref="UserBase"/>-1 are the reserved codes, <see cref="UserBase"/> + n is user code n.</remarks>
public readonly record struct TrapCode
{
    public const byte NoneRaw = 0;
    public const byte StackOverflowRaw = 1;
    public const byte HeapOutOfBoundsRaw = 2;
    public const byte IntegerOverflowRaw = 3;
    public const byte IntegerDivisionByZeroRaw = 4;
    public const byte BadConversionToIntegerRaw = 5;
    public const byte UnreachableRaw = 6;

    /// <summary>Raw value of user code 0; below it (from 1) the backend's reserved codes, with room to grow.</summary>
    public const byte UserBase = 16;

    /// <summary>Number of user codes.</summary>
    public const int UserCount = 256 - UserBase;

    private TrapCode(byte raw) => Raw = raw;

    /// <summary>The value stored in trap tables.</summary>
    public byte Raw { get; }

    public static TrapCode None => default;
    public static TrapCode StackOverflow => new(StackOverflowRaw);
    public static TrapCode HeapOutOfBounds => new(HeapOutOfBoundsRaw);
    public static TrapCode IntegerOverflow => new(IntegerOverflowRaw);
    public static TrapCode IntegerDivisionByZero => new(IntegerDivisionByZeroRaw);
    public static TrapCode BadConversionToInteger => new(BadConversionToIntegerRaw);
    public static TrapCode Unreachable => new(UnreachableRaw);

    /// <summary>User code <paramref name="index"/> (0..<see cref="UserCount"/>-1): meaningful to the front end only.</summary>
    public static TrapCode User(int index)
    {
        if ((uint)index >= UserCount) throw new ArgumentOutOfRangeException(nameof(index), index, $"user trap codes are 0..{UserCount - 1}");
        return new TrapCode((byte)(UserBase + index));
    }

    /// <summary>The code with raw value <paramref name="raw"/>, or false when no code has it (an unassigned reserved value).</summary>
    public static bool TryFromRaw(uint raw, out TrapCode code)
    {
        code = raw <= byte.MaxValue ? new TrapCode((byte)raw) : default;
        return raw <= byte.MaxValue && (raw >= UserBase || raw < ReservedNames.Length);
    }

    public bool IsUser => Raw >= UserBase;

    /// <summary>The index given to <see cref="User"/>; -1 for a reserved code.</summary>
    public int UserIndex => IsUser ? Raw - UserBase : -1;

    private static readonly string[] ReservedNames =
    [
        "notrap", "stack_overflow", "heap_out_of_bounds", "integer_overflow", "integer_division_by_zero",
        "bad_conversion_to_integer", "unreachable",
    ];

    /// <summary>Text name: the reserved code's name, or <c>userN</c>.</summary>
    public string Name() =>
        IsUser ? "user" + UserIndex.ToString(CultureInfo.InvariantCulture)
        : Raw < ReservedNames.Length ? ReservedNames[Raw] : "reserved" + Raw.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(ReadOnlySpan<char> s, out TrapCode code)
    {
        for (int i = 0; i < ReservedNames.Length; i++)
        {
            if (s.SequenceEqual(ReservedNames[i]))
            {
                code = new TrapCode((byte)i);
                return true;
            }
        }
        if (s.StartsWith("user", StringComparison.Ordinal) && s.Length > 4 && s[4] != '+' && s[4] != '-'
            && int.TryParse(s[4..], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n < UserCount)
        {
            code = User(n);
            return true;
        }
        code = None;
        return false;
    }

    public override string ToString() => Name();
}
