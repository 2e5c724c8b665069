using Iced.Intel;

namespace Kiln.Codegen.X64;

/// <summary>Intel-syntax disassembly through Iced's decoder and formatter, for listings of x86-64 code.</summary>
internal static class X64Disassembler
{
    public static List<DecodedInstruction> Disassemble(byte[] code, int start, int length, long address, bool pcRelativeAsTarget)
    {
        var formatter = new IntelFormatter();
        var o = formatter.Options;
        o.HexPrefix = "0x";
        o.HexSuffix = null;
        o.LeadingZeros = false;
        o.BranchLeadingZeros = false;
        o.SmallHexNumbersInDecimal = true;
        o.ShowBranchSize = false;
        o.SpaceAfterOperandSeparator = true;
        o.RipRelativeAddresses = !pcRelativeAsTarget;
        var output = new StringOutput();
        var decoder = Decoder.Create(64, new ByteArrayCodeReader(code, start, length), (ulong)address);
        ulong end = (ulong)(address + length);
        var result = new List<DecodedInstruction>();
        while (decoder.IP < end)
        {
            decoder.Decode(out var inst);
            if (inst.IsInvalid)
            {
                result.Add(new DecodedInstruction((long)inst.IP, (int)(end - inst.IP), "(bad)", true));
                break;
            }
            formatter.Format(inst, output);
            result.Add(new DecodedInstruction((long)inst.IP, inst.Length, output.ToStringAndReset(), false));
        }
        return result;
    }
}
