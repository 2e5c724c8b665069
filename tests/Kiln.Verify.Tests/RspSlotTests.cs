using Iced.Intel;
using Kiln.Compiler.Artifacts;
using Kiln.Compiler.Artifacts.Elf;
using Kiln.Compiler.Driver;
using Kiln.Wasm.Text;

namespace Kiln.Verify.Tests;

/// <summary>
/// An entry trampoline for a function of many params runs out of registers and spills the callee's code pointer to
/// an rsp-relative slot, reloading it for <c>call</c>. The verifier follows rsp − rbp, so the reload is the spilled
/// code pointer (accepted); a forged spill of another register into that slot is refused.
/// </summary>
public sealed class RspSlotTests
{
    private static readonly ArtifactLoadOptions AnyCpu = new() { AvailableFeatures = new Kiln.Codegen.CpuFeatures(~0u) };

    private static string Wat()
    {
        var ps = string.Concat(Enumerable.Range(0, 48).Select(i => (i % 3) switch { 0 => " i64", 1 => " f64", _ => " i32" }));
        return $"(module (func (export \"many\") (param{ps}) (result i64) (local.get 0)))";
    }

    private static (byte[] File, int Text, CodeRange Trampoline) Honest()
    {
        var file = ArtifactCompiler.Compile(WatParser.ParseModule(Wat()), ModuleCompilerOptions.Default with { Threads = 1 });
        var read = ArtifactReader.Read(file, AnyCpu);
        int text = checked((int)read.Elf.FindSection(ArtifactFormat.TextSection)!.Offset);
        var tramp = read.Compiled.Ranges.Single(r => r.Kind == CodeRangeKind.EntryTrampoline);
        return (file, text, tramp);
    }

    private static List<Instruction> Decode(byte[] file, int text, CodeRange r)
    {
        var decoder = Decoder.Create(64, new ByteArrayCodeReader(file, text + r.Start, r.Length), (ulong)r.Start);
        var list = new List<Instruction>();
        while (decoder.IP < (ulong)(r.Start + r.Length))
        {
            decoder.Decode(out var ins);
            list.Add(ins);
        }
        return list;
    }

    [Fact]
    public void ACodePointerSpilledThroughRspAndReloadedIsAcceptedAndAForgedSpillIsRefused()
    {
        var (file, text, tramp) = Honest();
        Assert.Null(ArtifactVerifier.FindViolation(file));

        // The spill: `mov [rsp+X], rax` right after rax was loaded from [rdi] (the pair's code field), reloaded
        // into rax before `call rax`.
        var code = Decode(file, text, tramp);
        int call = code.FindIndex(i => i.Code == Code.Call_rm64 && i.Op0Kind == OpKind.Register);
        Assert.True(call > 0, "no indirect call in the trampoline");
        var target = code[call].Op0Register;
        var reload = code.Take(call).Last(i => i.Op0Kind == OpKind.Register && i.Op0Register == target);
        Assert.True(reload.Code == Code.Mov_r64_rm64 && reload.MemoryBase == Register.RSP,
            $"the test needs the code pointer reloaded from an rsp slot, found '{reload}'");
        var spill = code.Take(call).Last(i => i.Code == Code.Mov_rm64_r64 && i.MemoryBase == Register.RSP && i.MemoryDisplacement64 == reload.MemoryDisplacement64);
        Assert.Equal(Register.RAX, spill.Op1Register);

        // Forge: spill rbx (the value array pointer) instead; REX.W 89 /r with reg = 0 becomes reg = 3.
        int at = text + (int)spill.IP;
        Assert.Equal(0x48, file[at]);
        Assert.Equal(0x89, file[at + 1]);
        file[at + 2] |= 3 << 3;
        ElfIntegrity.Seal(file);
        ArtifactReader.Read(file, AnyCpu);
        var v = ArtifactVerifier.FindViolation(file);
        Assert.NotNull(v);
        Assert.Equal(ViolationKind.UncheckedIndirectBranch, v!.Kind);
    }
}
