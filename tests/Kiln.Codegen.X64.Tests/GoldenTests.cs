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

    [Fact]
    public void DivisionChecksAndTrapStubsWithStackLimitCheck()
    {
        Golden.Check("""
            function %div(iptr, i32, i32) -> i32 {
                stack_limit = param0, load 16
            block0(v0: iptr, v1: i32, v2: i32):
                v3 = sdiv.i32 v1, v2
                v4 = iconst.i32 10
                v5 = icmp.i32 sgt v3, v4
                trapnz v5, unreachable
                return v3
            }
            """, """
            0000: push rbp
            0001: mov rbp, rsp
            0004: cmp rsp, [rdi+0x10]
            0008: jb 0x29
            000a: mov eax, esi
            000c: mov esi, edx
            000e: test esi, esi
            0010: je 0x2D
            0012: cmp esi, 0xFFFFFFFF
            0015: jne 0x1F
            0017: cmp eax, 0x80000000
            001d: je 0x2B
            001f: cdq
            0020: idiv esi
            0022: cmp eax, 0xA
            0025: jg 0x2F
            0027: pop rbp
            0028: ret
            0029: ud2                             ; trap: stack_overflow
            002b: ud2                             ; trap: integer_overflow
            002d: ud2                             ; trap: integer_division_by_zero
            002f: ud2                             ; trap: unreachable
            """);
    }

    [Fact]
    public void BrTableJumpsThroughRelativeTable()
    {
        Golden.Check("""
            function %sw(i32) -> i32 {
            block0(v0: i32):
                br_table v0, block3, [block1, block2, block1]
            block1:
                v1 = iconst.i32 10
                return v1
            block2:
                v2 = iconst.i32 20
                return v2
            block3:
                v3 = iconst.i32 30
                return v3
            }
            """, """
            0000: push rbp
            0001: mov rbp, rsp
            0004: mov eax, edi
            0006: mov esi, 3
            000b: cmp eax, 3
            0011: cmovb esi, eax
            0014: lea r11, [0x39]
            001b: movsxd rsi, [r11+rsi*4]
            001f: add rsi, r11
            0022: jmp rsi
            0024: mov eax, 0xA
            0029: pop rbp
            002a: ret
            002b: mov eax, 0x14
            0030: pop rbp
            0031: ret
            0032: mov eax, 0x1E
            0037: pop rbp
            0038: ret
            0039: jump table
                  0 -> 0024
                  1 -> 002b
                  2 -> 0024
                  3 -> 0032
            """);
    }

    [Fact]
    public void FloatMinAndFusedFloatBranch()
    {
        Golden.Check("""
            function %fm(f64, f64) -> f64 {
            block0(v0: f64, v1: f64):
                v2 = fmin.f64 v0, v1
                v3 = fcmp.f64 eq v2, v1
                brif v3, block1, block2
            block1:
                return v2
            block2:
                v4 = fneg.f64 v2
                return v4
            }
            """, """
            0000: push rbp
            0001: mov rbp, rsp
            0004: ucomisd xmm0, xmm1
            0008: jne 0x17
            000a: jp 0x11
            000c: orps xmm0, xmm1
            000f: jmp 0x1B
            0011: addsd xmm0, xmm1
            0015: jmp 0x1B
            0017: minsd xmm0, xmm1
            001b: ucomisd xmm0, xmm1
            001f: jp 0x25
            0021: jne 0x25
            0023: pop rbp
            0024: ret
            0025: mov r11, 0x8000000000000000
            002f: movq xmm15, r11
            0034: xorps xmm0, xmm15
            0038: pop rbp
            0039: ret
            """);
    }
}
