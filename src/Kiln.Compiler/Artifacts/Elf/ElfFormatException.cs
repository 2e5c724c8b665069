namespace Kiln.Compiler.Artifacts.Elf;

/// <summary>
/// The bytes are not an ELF file this library accepts. The message names the field or section and
/// where it is. This is the only exception <see cref="ElfReader"/> throws for bad input.
/// </summary>
public class ElfFormatException : KilnException
{
    public ElfFormatException(string message) : base(message)
    {
    }

    public ElfFormatException(string message, Exception inner) : base(message, inner)
    {
    }
}
