using System.Text;
using Kiln.Compiler.Artifacts.Elf;

namespace Kiln.Compiler.Tests.Elf;

/// <summary>Small artifacts with hand-assembled functions, shaped like what `kiln compile` will write.</summary>
internal static class SampleArtifacts
{
    /// <summary>answer: mov eax, 42; ret — add: lea eax, [rdi+rsi]; ret — trap: ud2. Padded with int3 to 16.</summary>
    public static readonly byte[] X64Code =
    [
        0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc,
        0x8d, 0x04, 0x37, 0xc3, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc,
        0x0f, 0x0b,
    ];

    /// <summary>answer: mov w0, #42; ret — add: add w0, w0, w1; ret — trap: udf #0 (little-endian words).</summary>
    public static readonly byte[] Arm64Code =
    [
        0x40, 0x05, 0x80, 0x52, 0xc0, 0x03, 0x5f, 0xd6,
        0x00, 0x00, 0x01, 0x0b, 0xc0, 0x03, 0x5f, 0xd6,
        0x00, 0x00, 0x00, 0x00,
    ];

    public static readonly (string Name, ulong Offset, ulong Size)[] X64Functions =
    [
        ("answer", 0, 6),
        ("add", 16, 4),
        ("trap", 32, 2),
    ];

    public static readonly (string Name, ulong Offset, ulong Size)[] Arm64Functions =
    [
        ("answer", 0, 8),
        ("add", 8, 8),
        ("trap", 16, 4),
    ];

    public static readonly byte[] TrapTable = [0x20, 0, 0, 0, 0x01, 0, 0, 0]; // offset 0x20 -> trap code 1
    public static readonly byte[] Metadata = Encoding.UTF8.GetBytes("module-metadata-v1");
    public static readonly byte[] Compat = Encoding.UTF8.GetBytes("kiln-format=1;target=x86_64;features=sse4.2");

    public static ElfWriter Writer(ElfMachine machine, bool withIntegrity = true, ulong textFileAlignment = 4096)
    {
        var writer = new ElfWriter(machine, withIntegrity);
        var (code, functions) = machine == ElfMachine.X86_64 ? (X64Code, X64Functions) : (Arm64Code, Arm64Functions);
        int text = writer.AddSection(".text", ElfSectionType.ProgBits, ElfSectionFlags.Alloc | ElfSectionFlags.ExecInstr,
            code, alignment: 16, fileAlignment: textFileAlignment);
        writer.AddSection(".kiln.traps", ElfSectionType.ProgBits, ElfSectionFlags.None, TrapTable, alignment: 4, entrySize: 8);
        writer.AddSection(".kiln.relocs", ElfSectionType.ProgBits, ElfSectionFlags.None, ReadOnlyMemory<byte>.Empty, alignment: 8);
        writer.AddSection(".kiln.meta", ElfSectionType.ProgBits, ElfSectionFlags.None, Metadata);
        foreach (var (name, offset, size) in functions)
        {
            writer.AddSymbol(name, text, offset, size);
        }

        writer.AddSymbol("wasm_local_helper", text, 0, 0, ElfSymbolType.NoType, ElfSymbolBinding.Local);
        writer.AddNote(KilnNotes.EngineCompatibility, Compat);
        return writer;
    }

    public static byte[] Build(ElfMachine machine, bool withIntegrity = true, ulong textFileAlignment = 4096)
        => Writer(machine, withIntegrity, textFileAlignment).Write();
}
