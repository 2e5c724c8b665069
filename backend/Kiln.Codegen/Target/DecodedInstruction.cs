namespace Kiln.Codegen;

/// <summary>One disassembled instruction: its offset in the decoded range's address space, length and text;
/// <see cref="IsInvalid"/> when the bytes there are not an instruction (data, such as jump tables).</summary>
public readonly record struct DecodedInstruction(long Address, int Length, string Text, bool IsInvalid);
