using Gee.External.Capstone;
using Gee.External.Capstone.Arm64;

namespace Kiln.Codegen.Arm64;

/// <summary>AArch64 disassembly through Capstone (independent of Kiln's encoder), for listings and <c>kiln objdump</c>.
/// Branch and adr operands print as the address they reach. Capstone 4 does not decode <c>udf #imm</c> (a word whose
/// top 16 bits are zero), Kiln's trap instruction: such a word is spelled here and decoding goes on after it.</summary>
internal static class A64Disassembler
{
    private static readonly Lock Gate = new();

    public static List<DecodedInstruction> Disassemble(byte[] code, int start, int length, long address)
    {
        var result = new List<DecodedInstruction>();
        int off = 0;
        // One native handle, used by one thread at a time.
        lock (Gate)
        {
            using var d = CapstoneDisassembler.CreateArm64Disassembler(Arm64DisassembleMode.Arm);
            while (off < length)
            {
                var bytes = code.AsSpan(start + off, length - off).ToArray();
                foreach (var i in d.Disassemble(bytes, address + off))
                {
                    string text = string.IsNullOrEmpty(i.Operand) ? i.Mnemonic : i.Mnemonic + " " + i.Operand;
                    result.Add(new DecodedInstruction(i.Address, i.Bytes.Length, text, false));
                    off += i.Bytes.Length;
                }
                if (off >= length) break;
                if (length - off >= 4 && BitConverter.ToUInt32(code, start + off) is var w && w >> 16 == 0)
                {
                    result.Add(new DecodedInstruction(address + off, 4, $"udf #{w}", false));
                    off += 4;
                    continue;
                }
                result.Add(new DecodedInstruction(address + off, length - off, "(bad)", true));
                break;
            }
        }
        return result;
    }
}
