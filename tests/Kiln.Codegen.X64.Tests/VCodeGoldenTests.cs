using Kiln.IR.Text;

namespace Kiln.Codegen.X64.Tests;

/// <summary>
/// VCode golden tests, per target: each kernel's VCode after instruction selection and after register allocation
/// is pinned in <c>vcode/NAME.TARGET.vcode</c>. Another target plugs in by joining <see cref="Targets"/> and adding
/// its files. <c>KILN_UPDATE_GOLDEN=1</c> rewrites the files (review the diff before committing).
/// </summary>
public class VCodeGoldenTests
{
    private static readonly TargetIsa[] Targets = [X64Target.Instance, Kiln.Codegen.Arm64.A64Target.Instance];

    private static readonly Dictionary<string, string> Kernels = new()
    {
        ["sum_loop"] = GoldenTests.SumLoop,
        ["div_and_trap"] = """
            function %div(iptr, i32, i32) -> i32 {
                stack_limit = param0, load 16
            block0(v0: iptr, v1: i32, v2: i32):
                v3 = sdiv.i32 v1, v2
                v4 = iconst.i32 10
                v5 = icmp.i32 sgt v3, v4
                trapnz v5, unreachable
                return v3
            }
            """,
        ["call_and_select"] = """
            function %f(iptr, i64, f64) -> f64 {
                sig0 = (iptr, i64) -> i64
                fn0 = %g sig0
            block0(v0: iptr, v1: i64, v2: f64):
                v3 = call fn0(v0, v1)
                v4 = load.i64 heap_out_of_bounds v0+8
                v5 = iadd.i64 v3, v4
                v6 = fcvt_from_sint.f64 v5
                v7 = fcmp.f64 lt v6, v2
                v8 = select.f64 v7, v6, v2
                return v8
            }
            """,
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var t in Targets)
            foreach (var k in Kernels.Keys)
                data.Add(k, t.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void VCodeBeforeAndAfterAllocationIsPinned(string kernel, string target)
    {
        var isa = Array.Find(Targets, t => t.Name == target)!;
        var f = Parser.ParseFunction(Kernels[kernel]);
        string actual = "; VCode:\n" + isa.PrintVCode(f, isa.DefaultFeatures, allocated: false)
            + "\n; allocated:\n" + isa.PrintVCode(Parser.ParseFunction(Kernels[kernel]), isa.DefaultFeatures, allocated: true);
        string path = Path.Combine(SourceDir(), "vcode", $"{kernel}.{target}.vcode");
        if (Environment.GetEnvironmentVariable("KILN_UPDATE_GOLDEN") == "1")
            File.WriteAllText(path, actual);
        Assert.True(File.Exists(path), $"no golden file {path} (run with KILN_UPDATE_GOLDEN=1 and review it)");
        string expected = File.ReadAllText(path);
        if (expected.Replace("\r", "") != actual)
            Assert.Fail($"VCode of {kernel} on {target} differs from {path}; actual:\n{actual}");
    }

    private static string SourceDir([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
