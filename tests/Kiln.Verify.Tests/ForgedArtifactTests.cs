using Iced.Intel;
using Kiln.Compiler.Artifacts;
using Kiln.Compiler.Artifacts.Elf;
using Kiln.Compiler.Driver;
using Kiln.Wasm.Text;

namespace Kiln.Verify.Tests;

/// <summary>
/// Artifacts forged the way an attacker who can write the file would: a code byte changed and the unkeyed digest
/// recomputed as the loader computes it. The integrity check cannot notice (that is what the key is for); the
/// verifier must, and must name the function and offset. The honest original verifies.
/// </summary>
public sealed class ForgedArtifactTests
{
    private const string Wat = """
        (module
          (memory 1)
          (func (export "load") (param i32) (result i32) (i32.load offset=8 (local.get 0)))
          (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
        """;

    private static readonly ArtifactLoadOptions AnyCpu = new() { AvailableFeatures = new Kiln.Codegen.CpuFeatures(~0u) };

    private static (byte[] File, int TextOffset, CodeRange Load, CodeRange Add) Honest()
    {
        var file = ArtifactCompiler.Compile(WatParser.ParseModule(Wat), ModuleCompilerOptions.Default with { Threads = 1 });
        var read = ArtifactReader.Read(file, AnyCpu);
        var text = read.Elf.FindSection(ArtifactFormat.TextSection)!;
        var ranges = read.Compiled.Ranges.Where(r => r.Kind == CodeRangeKind.Function).ToArray();
        return (file, checked((int)text.Offset), ranges[0], ranges[1]);
    }

    /// <summary>Finds the first instruction of a range matching <paramref name="pick"/>; returns its code offset.</summary>
    private static (int Offset, Instruction Instruction) Find(byte[] file, int textOffset, CodeRange r, Func<Instruction, bool> pick)
    {
        var decoder = Decoder.Create(64, new ByteArrayCodeReader(file, textOffset + r.Start, r.Length), (ulong)r.Start);
        while (decoder.IP < (ulong)(r.Start + r.Length))
        {
            decoder.Decode(out var ins);
            if (pick(ins)) return ((int)ins.IP, ins);
        }
        throw new InvalidOperationException("instruction not found in " + r.Name);
    }

    private static void Patch(byte[] file, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(file.AsSpan(at));
        ElfIntegrity.Seal(file); // the forger recomputes the unkeyed digest
    }

    private static Violation Refused(byte[] forged)
    {
        ArtifactReader.Read(forged, AnyCpu); // the digest was recomputed: integrity alone accepts the file
        var v = ArtifactVerifier.FindViolation(forged);
        Assert.NotNull(v);
        return v!;
    }

    [Fact]
    public void TheHonestArtifactVerifies() => Assert.Null(ArtifactVerifier.FindViolation(Honest().File));

    [Fact]
    public void ASyscallIsRefused()
    {
        var (file, text, _, add) = Honest();
        var (at, ins) = Find(file, text, add, i => i.Mnemonic == Mnemonic.Add);
        Assert.True(ins.Length >= 2);
        Patch(file, text + at, [0x0f, 0x05]); // syscall in place of the add
        var v = Refused(file);
        Assert.Equal(ViolationKind.ForbiddenInstruction, v.Kind);
        Assert.Equal(at, v.CodeOffset);
        Assert.Contains("function 1", v.Function, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUncheckedLoadIsRefused()
    {
        var (file, text, load, _) = Honest();
        // The heap load [base + index + 8] re-encoded through a register that holds no heap base (rdi, the vmctx, + index).
        var (at, ins) = Find(file, text, load, i => i.OpCount == 2 && i.Op1Kind == OpKind.Memory && i.MemoryIndex != Register.None);
        var forged = ins;
        forged.MemoryBase = Register.RDI;
        var w = new CodeWriterImpl();
        Encoder.Create(64, w).Encode(forged, (ulong)at);
        Assert.Equal(ins.Length, w.Bytes.Count);
        Patch(file, text + at, w.Bytes.ToArray());
        var v = Refused(file);
        Assert.Equal(ViolationKind.UncheckedMemoryAccess, v.Kind);
        Assert.Equal(at, v.CodeOffset);
    }

    [Fact]
    public void AJumpOutOfTheFunctionIsRefused()
    {
        var (file, text, load, _) = Honest();
        // The prologue's "jb <stack overflow trap>" retargeted 0x7f bytes on, past the end of this short function.
        var (at, ins) = Find(file, text, load, i => i.Mnemonic == Mnemonic.Jb);
        Assert.Equal(2, ins.Length);
        Assert.True(ins.NextIP + 0x7f > (ulong)(load.Start + load.Length));
        Patch(file, text + at, [0x72, 0x7f]);
        var v = Refused(file);
        Assert.Equal(ViolationKind.ControlFlowEscape, v.Kind);
        Assert.Equal(at, v.CodeOffset);
    }

    [Fact]
    public void RemovingTheStackCheckIsRefused()
    {
        var (file, text, load, _) = Honest();
        var (at, ins) = Find(file, text, load, i => i.Mnemonic == Mnemonic.Jb);
        Patch(file, text + at, [0x90, 0x90]); // the check's branch becomes two nops
        var v = Refused(file);
        Assert.Equal(ViolationKind.MissingStackCheck, v.Kind);
    }

    private sealed class CodeWriterImpl : CodeWriter
    {
        public readonly List<byte> Bytes = [];
        public override void WriteByte(byte value) => Bytes.Add(value);
    }
}
