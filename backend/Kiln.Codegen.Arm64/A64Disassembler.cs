using Gee.External.Capstone;
using Gee.External.Capstone.Arm64;

namespace Kiln.Codegen.Arm64;

/// <summary>AArch64 disassembly through Capstone (independent of Kiln's encoder), for listings and <c>kiln objdump</c>.
/// Branch and adr operands print as the address they reach.</summary>
internal static class A64Disassembler
{
    private static readonly Lock Gate = new();

    public static List<DecodedInstruction> Disassemble(byte[] code, int start, int length, long address)
    {
        var bytes = code.AsSpan(start, length).ToArray();
        var result = new List<DecodedInstruction>();
        Arm64Instruction[] insts;
        // One native handle, used by one thread at a time.
        lock (Gate)
        {
            using var d = CapstoneDisassembler.CreateArm64Disassembler(Arm64DisassembleMode.Arm);
            insts = d.Disassemble(bytes, address);
        }
        long next = address;
        foreach (var i in insts)
        {
            string text = string.IsNullOrEmpty(i.Operand) ? i.Mnemonic : i.Mnemonic + " " + i.Operand;
            result.Add(new DecodedInstruction(i.Address, i.Bytes.Length, text, false));
            next = i.Address + i.Bytes.Length;
        }
        if (next < address + length)
            result.Add(new DecodedInstruction(next, (int)(address + length - next), "(bad)", true));
        return result;
    }
}
