using Kiln.IR.Text;

namespace Kiln.Codegen.Arm64.Tests;

/// <summary>
/// Disassembly (Capstone) of the code-quality kernels on AArch64, pinned in <c>golden/NAME.aarch64.s</c>: the array
/// sum, a matrix-multiply inner loop and a bounds-checked load. <c>KILN_UPDATE_GOLDEN=1</c> rewrites the files
/// (review the diff). Each also asserts what matters independently of the exact text: the loop has no moves.
/// </summary>
public class GoldenTests
{
    internal static readonly Dictionary<string, string> Kernels = new()
    {
        // for (i = 0; i < n; i++) s += a[i]   (heap base in v0, i32 elements)
        ["array_sum"] = """
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
            """,
        // for (k = 0; k < n; k++) s += a[i*n + k] * b[k*n + j]   (f64, row and column pointers stepped)
        ["matmul_inner"] = """
            function %dot(iptr, i32, i32, i32) -> f64 {
            block0(v0: iptr, v1: i32, v2: i32, v3: i32):
                v4 = fconst.f64 0.0
                v5 = iconst.i32 0
                brif v3, block1(v4, v5, v1, v2), block2(v4)
            block1(v6: f64, v7: i32, v8: i32, v9: i32):
                v10 = uextend.iptr v8
                v11 = iadd.iptr v0, v10
                v12 = load.f64 heap_out_of_bounds v11
                v13 = uextend.iptr v9
                v14 = iadd.iptr v0, v13
                v15 = load.f64 heap_out_of_bounds v14+8
                v16 = fmul.f64 v12, v15
                v17 = fadd.f64 v6, v16
                v18 = iconst.i32 8
                v19 = iadd.i32 v8, v18
                v20 = iadd.i32 v9, v3
                v21 = iconst.i32 1
                v22 = iadd.i32 v7, v21
                v23 = icmp.i32 ult v22, v3
                brif v23, block1(v17, v22, v19, v20), block2(v17)
            block2(v24: f64):
                return v24
            }
            """,
        // An explicit bounds check (as for a memory without guard pages): trap unless index + 4 <= bound.
        ["bounds_checked_load"] = """
            function %load(iptr, i64, i64) -> i32 {
            block0(v0: iptr, v1: i64, v2: i64):
                v3 = iconst.i64 4
                v4 = iadd.i64 v1, v3
                v5 = icmp.i64 ugt v4, v2
                trapnz v5, heap_out_of_bounds
                v6 = iadd.iptr v0, v1
                v7 = load.i32 heap_out_of_bounds v6
                return v7
            }
            """,
    };

    public static TheoryData<string> Names() => new(Kernels.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void DisassemblyIsPinned(string kernel)
    {
        var c = A64Target.Instance.Compile(Parser.ParseFunction(Kernels[kernel]), CpuFeatures.None);
        string actual = FunctionListing.Print(A64Target.Instance, c);
        string path = Path.Combine(SourceDir(), "golden", $"{kernel}.aarch64.s");
        if (Environment.GetEnvironmentVariable("KILN_UPDATE_GOLDEN") == "1")
            File.WriteAllText(path, actual);
        Assert.True(File.Exists(path), $"no golden file {path} (run with KILN_UPDATE_GOLDEN=1 and review it)");
        if (File.ReadAllText(path).Replace("\r", "") != actual)
            Assert.Fail($"disassembly of {kernel} differs from {path}; actual:\n{actual}");
    }

    [Theory]
    [InlineData("array_sum")]
    [InlineData("matmul_inner")]
    public void LoopBodyHasNoMoves(string kernel)
    {
        var c = A64Target.Instance.Compile(Parser.ParseFunction(Kernels[kernel]), CpuFeatures.None);
        var lines = FunctionListing.Print(A64Target.Instance, c).Split('\n');
        // The loop is the code between the backward branch's target and the branch itself.
        int back = Array.FindLastIndex(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"\bb\.\w+ #0x[0-9a-f]+$"));
        Assert.True(back > 0, "no backward conditional branch:\n" + string.Join('\n', lines));
        string target = lines[back][(lines[back].LastIndexOf("#0x", StringComparison.Ordinal) + 3)..];
        int head = Array.FindIndex(lines, l => l.StartsWith(int.Parse(target, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) + ":", StringComparison.Ordinal));
        Assert.True(head >= 0 && head < back, $"loop head {target} not found before the branch");
        for (int i = head; i <= back; i++)
            Assert.False(lines[i].Contains(": mov ", StringComparison.Ordinal) || lines[i].Contains(": fmov d", StringComparison.Ordinal), $"a move in the loop: {lines[i]}\n" + string.Join('\n', lines));
    }

    private static string SourceDir([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
