using Iced.Intel;
using Kiln.Compiler.Artifacts;
using Kiln.Compiler.Driver;
using Kiln.Wasm.Text;

namespace Kiln.Verify.Tests;

/// <summary>
/// An i32 returned by a call and used straight away as a heap index (the spec suite's memory_grow.wast:101,
/// call.wast, call_indirect.wast, ...). The verifier trusts no callee to have zeroed the upper half of rax (C#
/// builtins such as memory.grow need not), so these artifacts verify only if the compiler clears every i32 call
/// result itself: builtin, direct and indirect wasm calls, and imported host functions.
/// </summary>
public sealed class CallResultIndexTests
{
    private const string Wat = """
        (module
          (import "host" "index" (func $host (result i32)))
          (type $r (func (result i32)))
          (memory 1)
          (table funcref (elem $four))
          (func $four (result i32) (i32.const 4))
          (func (export "grown") (result i32) (i32.load8_u (memory.grow (i32.const 0))))
          (func (export "grown-store") (i32.store (memory.grow (i32.const 0)) (i32.const 9)))
          (func (export "direct") (result i32) (i32.load offset=8 (call $four)))
          (func (export "indirect") (result i32) (i32.load (call_indirect (type $r) (i32.const 0))))
          (func (export "host") (result i32) (i32.load16_u (call $host))))
        """;

    private static readonly ArtifactLoadOptions AnyCpu = new() { AvailableFeatures = new Kiln.Codegen.CpuFeatures(~0u) };

    private static byte[] Compile() =>
        ArtifactCompiler.Compile(WatParser.ParseModule(Wat), ModuleCompilerOptions.Default with { Threads = 1 });

    [Fact]
    public void CallResultsUsedAsHeapIndicesVerify()
    {
        var v = ArtifactVerifier.FindViolation(Compile());
        Assert.True(v is null, $"refused: {v}");
    }

    [Fact]
    public void EveryCallReturningI32InEAXIsFollowedByItsZeroExtension()
    {
        // The fix as code: in each exported function's body, the instruction after a call that produces
        // an i32 in eax is `mov r32, eax` (usually eax itself), never a 64-bit use of rax.
        var file = Compile();
        var read = ArtifactReader.Read(file, AnyCpu);
        int text = checked((int)read.Elf.FindSection(ArtifactFormat.TextSection)!.Offset);
        int calls = 0;
        foreach (var r in read.Compiled.Ranges.Where(r => r.Kind == CodeRangeKind.Function))
        {
            var decoder = Decoder.Create(64, new ByteArrayCodeReader(file, text + r.Start, r.Length), (ulong)r.Start);
            var body = new List<Instruction>();
            while (decoder.IP < (ulong)(r.Start + r.Length))
            {
                decoder.Decode(out var ins);
                body.Add(ins);
            }
            for (int i = 0; i + 1 < body.Count; i++)
            {
                if (body[i].FlowControl is not (FlowControl.Call or FlowControl.IndirectCall)) continue;
                // Every call of this module returns an i32 in eax.
                calls++;
                var next = body[i + 1];
                Assert.True(next.Code == Code.Mov_r32_rm32 && next.Op1Kind == OpKind.Register && next.Op1Register == Register.EAX,
                    $"{r.Name}+{body[i + 1].IP - (ulong)r.Start:x}: after the call comes '{next}', not a zero-extension of eax");
            }
        }
        Assert.True(calls >= 5, $"only {calls} calls found");
    }
}
