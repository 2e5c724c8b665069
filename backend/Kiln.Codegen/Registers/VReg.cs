namespace Kiln.Codegen;

/// <summary>A virtual register: dense index plus class, packed in one int (index &lt;&lt; 2 | class).</summary>
public readonly record struct VReg
{
    private readonly int _bits;

    public VReg(int index, RegClass cls)
    {
        if (index < 0 || index >= (1 << 29)) throw new ArgumentOutOfRangeException(nameof(index));
        _bits = (index << 2) | (int)cls;
    }

    public int Index => _bits >> 2;
    public RegClass Class => (RegClass)(_bits & 3);

    public override string ToString() => "v" + Index.ToString(System.Globalization.CultureInfo.InvariantCulture) + (Class == RegClass.Int ? "i" : "f");
}
