using Kiln.Compiler.Artifacts.Elf;

namespace Kiln.Compiler.Tests.Elf;

public class ScratchDump
{
    [Fact]
    public void Dump()
    {
        File.WriteAllBytes("/tmp/kiln-x64.elf", SampleArtifacts.Build(ElfMachine.X86_64));
        File.WriteAllBytes("/tmp/kiln-a64.elf", SampleArtifacts.Build(ElfMachine.AArch64));
    }
}
