namespace Kiln.Codegen;

/// <summary>
/// A physical register: class and hardware encoding packed in one byte
/// (class in bits 6-7, hardware number 0..63), so <see cref="Index"/> is dense over all classes.
/// </summary>
public readonly record struct PReg
{
    public const int MaxPerClass = 64;
    public const int IndexLimit = RegClasses.Count * MaxPerClass;

    private readonly byte _bits;

    public PReg(RegClass cls, int hw)
    {
        if ((uint)hw >= MaxPerClass) throw new ArgumentOutOfRangeException(nameof(hw));
        _bits = (byte)(((int)cls << 6) | hw);
    }

    public static PReg FromIndex(int index) => new((RegClass)(index >> 6), index & 63);

    public RegClass Class => (RegClass)(_bits >> 6);
    public int HwEnc => _bits & 63;
    /// <summary>Dense index in [0, <see cref="IndexLimit"/>).</summary>
    public int Index => _bits;

    public override string ToString() => (Class == RegClass.Int ? "r" : "f") + HwEnc.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
