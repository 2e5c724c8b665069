namespace Kiln.Codegen;

/// <summary>How a target spells its instructions for <see cref="VCodePrinter"/>.</summary>
public interface IInstFormatter<TInst>
{
    /// <summary>
    /// The instruction as text, <c>add.32 v3, v1, v2</c>: a mnemonic, then its operands. <paramref name="operands"/>
    /// holds the already spelled operands in VCode operand order (vregs before allocation, registers after); the
    /// target places them (address operands inside brackets, compare operands after the condition) and adds what
    /// is not a register (immediates, conditions, targets, trap codes).
    /// </summary>
    string Format(in TInst inst, ReadOnlySpan<string> operands);

    /// <summary>The assembler's name of a physical register (<c>rax</c>, <c>xmm3</c>).</summary>
    string RegName(PReg reg);
}
