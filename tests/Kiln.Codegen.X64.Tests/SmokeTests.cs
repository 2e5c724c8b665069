namespace Kiln.Codegen.X64.Tests;

public unsafe class SmokeTests
{
    [Fact]
    public void AddTwoInts()
    {
        using var jit = new TestJit("""
            function %add(i32, i32) -> i32 {
            block0(v0: i32, v1: i32):
                v2 = iadd.i32 v0, v1
                return v2
            }
            """);
        var f = (delegate* unmanaged[Cdecl]<int, int, int>)jit.Entry;
        Assert.Equal(5, f(2, 3));
        Assert.Equal(int.MinValue, f(int.MaxValue, 1));
    }
}
