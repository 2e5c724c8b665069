namespace Kiln.Wasm.Instructions;

/// <summary>Lookups over the opcode table: by dense opcode value, by binary encoding, by text name.</summary>
public static partial class OpcodeTable
{
    /// <summary>Dense opcode values run below this bound (see <see cref="Opcode"/>).</summary>
    public const int Size = 0x400;

    private static readonly OpcodeInfo?[] ByValue;
    private static readonly Dictionary<string, OpcodeInfo> ByName;

    // A static constructor, not field initializers: Entries lives in the other part of this partial class,
    // and initializers across partial files run in an unspecified order (ByValue saw a null Entries).
    static OpcodeTable()
    {
        ByValue = BuildByValue();
        ByName = BuildByName();
    }

    public static OpcodeInfo Get(Opcode op) => ByValue[(ushort)op] ?? throw new ArgumentException($"unknown opcode {op}");

    public static OpcodeInfo? TryGet(int denseValue) => (uint)denseValue < Size ? ByValue[denseValue] : null;

    /// <summary>The dense value for an encoding, or -1 when the prefix or code is out of range.</summary>
    public static int DenseValue(byte prefix, uint code) => prefix switch
    {
        0 => code < 0x100 ? (int)code : -1,
        0xFC => code < 0x100 ? 0x100 + (int)code : -1,
        0xFD => code < 0x200 ? 0x200 + (int)code : -1,
        _ => -1,
    };

    /// <summary>Looks up a text mnemonic. "select" answers the untyped form; the typed form is chosen by its immediates.</summary>
    public static bool TryGetByName(string name, out OpcodeInfo info) => ByName.TryGetValue(name, out info!);

    public static IReadOnlyList<OpcodeInfo> All => Entries;

    private static OpcodeInfo?[] BuildByValue()
    {
        var table = new OpcodeInfo?[Size];
        foreach (var e in Entries) table[(ushort)e.Opcode] = e;
        return table;
    }

    private static Dictionary<string, OpcodeInfo> BuildByName()
    {
        var d = new Dictionary<string, OpcodeInfo>(Entries.Length, StringComparer.Ordinal);
        foreach (var e in Entries) d.TryAdd(e.Name, e);
        return d;
    }
}
