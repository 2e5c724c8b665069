using Kiln.Wasm.Model;

namespace Kiln.Wasm.Instructions;

/// <summary>One row of the opcode table: what the decoder, text parser, printer and validator need to know.</summary>
public sealed class OpcodeInfo
{
    public OpcodeInfo(Opcode opcode, string name, ImmediateKind immediate, string? signature, int naturalAlignment, int lanes)
    {
        Opcode = opcode;
        Name = name;
        Immediate = immediate;
        NaturalAlignment = (byte)naturalAlignment;
        LaneCount = (byte)lanes;
        if (signature is not null)
        {
            int colon = signature.IndexOf(':');
            Params = ParseTypes(signature.AsSpan(0, colon));
            Results = ParseTypes(signature.AsSpan(colon + 1));
        }
    }

    public Opcode Opcode { get; }

    /// <summary>The text-format mnemonic, e.g. "i32.add".</summary>
    public string Name { get; }
    public ImmediateKind Immediate { get; }

    /// <summary>Operand types popped, when the instruction's typing is fixed; null when the validator types it specially.</summary>
    public ValType[]? Params { get; }

    /// <summary>Result types pushed, when fixed (see <see cref="Params"/>).</summary>
    public ValType[]? Results { get; }

    /// <summary>log2 of the access width for memory instructions: the largest alignment the validator accepts.</summary>
    public byte NaturalAlignment { get; }

    /// <summary>Number of lanes for lane immediates: the lane index must be below it.</summary>
    public byte LaneCount { get; }

    /// <summary>0 for single-byte opcodes, else the prefix byte (0xFC, 0xFD).</summary>
    public byte Prefix => (ushort)Opcode < 0x100 ? (byte)0 : (ushort)Opcode < 0x200 ? (byte)0xFC : (byte)0xFD;

    /// <summary>The opcode byte, or the sub-opcode after the prefix.</summary>
    public uint Code => (ushort)Opcode switch
    {
        < 0x100 => (uint)Opcode,
        < 0x200 => (uint)Opcode - 0x100,
        _ => (uint)Opcode - 0x200,
    };

    public override string ToString() => Name;

    private static ValType[] ParseTypes(ReadOnlySpan<char> s)
    {
        var types = new ValType[s.Length];
        for (int i = 0; i < s.Length; i++)
        {
            types[i] = s[i] switch
            {
                'i' => ValType.I32,
                'I' => ValType.I64,
                'f' => ValType.F32,
                'F' => ValType.F64,
                'v' => ValType.V128,
                _ => throw new InvalidOperationException($"bad signature letter '{s[i]}'"),
            };
        }
        return types;
    }
}
