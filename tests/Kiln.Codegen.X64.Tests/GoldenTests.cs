namespace Kiln.Codegen.X64.Tests;

/// <summary>Disassembly of small functions, pinned: code-quality regressions show up as diffs.</summary>
public class GoldenTests
{
    internal const string SumLoop = """
        function %sum(iptr, i32) -> i32 {
        block0(v0: iptr, v1: i32):
            v2 = iconst.i32 0
            v3 = iconst.i32 0
            brif v1, block1(v2, v3), block2(v2)
        block1(v4: i32, v5: i32):
            v6 = uextend.iptr v5
            v7 = iconst.iptr 2
            v8 = ishl.iptr v6, v7
            v9 = iadd.iptr v0, v8
            v10 = load.i32 heap_out_of_bounds v9
            v11 = iadd.i32 v4, v10
            v12 = iconst.i32 1
            v13 = iadd.i32 v5, v12
            v14 = icmp.i32 ult v13, v1
            brif v14, block1(v11, v13), block2(v11)
        block2(v15: i32):
            return v15
        }
        """;

    [Fact]
    public void SumLoopHasNoSpillOrMoveInTheLoop()
    {
        Golden.Check(SumLoop, """
            0000: push rbp
            0001: mov rbp, rsp
            0004: mov eax, esi
            0006: test eax, eax
            0008: je 0x17
            000a: mov esi, 0
            000f: mov r8d, 0
            0015: jmp 0x1E
            0017: mov eax, 0
            001c: jmp 0x2E
            001e: add esi, [rdi+r8*4]             ; trap: heap_out_of_bounds
            0022: add r8d, 1
            0026: cmp r8d, eax
            0029: jb 0x1E
            002b: mov rax, rsi
            002e: pop rbp
            002f: ret
            """);
    }
}
