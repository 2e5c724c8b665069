using Kiln.Codegen.X64;
using Kiln.Compiler.Tests.Translate;
using Kiln.IR.Passes;
using Xunit.Abstractions;

namespace Kiln.Compiler.Tests.Driver;

/// <summary>Functions that once failed to compile, reduced with wasm-reduce.</summary>
public sealed class RegressionTests(ITestOutputHelper output)
{
    // From a generated 1 MB module: a never-assigned local, read inside a loop (a loop-carried zero),
    // used to leave a vreg without a definition after lowering.
    [Fact]
    public void LoopReadingAZeroLocalInANestedBlockCompiles()
    {
        var t = Wat.Translate("""
            (module
              (memory 1)
              (func (param i32 i32 f64)
                (local i32 i32 i32 i32 f64)
                (loop
                  (block (br_if 0 (local.get 5)))
                  (br_if 0 (local.tee 6 (i32.sub (local.get 6) (i32.const 1)))))))
            """);
        var f = t.Functions[^1];
        output.WriteLine(f.ToString());
        PassManager.Default(verify: true).Run(f);
        output.WriteLine(f.ToString());
        var lowered = X64Backend.Lower(f);
        output.WriteLine(lowered.ToString());
        var code = X64Backend.Compile(f);
        Assert.NotEmpty(code.Code.ToArray());
    }
}
