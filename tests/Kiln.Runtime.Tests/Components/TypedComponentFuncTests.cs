using System.Text;
using Kiln.Runtime;

namespace Kiln.Runtime.Tests.Components;

/// <summary>Typed views of component functions (<c>ComponentFunc.Typed</c>): type checks when the view is made, values
/// of every supported CLR type, strings in every encoding, post-return run by the call, flags, no per-call allocation.</summary>
public sealed class TypedComponentFuncTests
{
    // "count" reads how often the post-return ran; "echo" hands its string back; "add" and the scalar echoes check lowering.
    private static string Guest(string encoding) => $$"""
        (component
          (core module $M
            (memory (export "mem") 1)
            (global $bump (mut i32) (i32.const 1024))
            (global $posts (mut i32) (i32.const 0))
            (func (export "realloc") (param i32 i32 i32 i32) (result i32) (local $p i32)
              (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get 2) (i32.const 1)))
                                     (i32.sub (i32.const 0) (local.get 2))))
              (global.set $bump (i32.add (local.get $p) (local.get 3)))
              (local.get $p))
            (func (export "post") (param i32) (global.set $posts (i32.add (global.get $posts) (i32.const 1))))
            (func (export "count") (result i32) (global.get $posts))
            (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
            (func (export "id32") (param i32) (result i32) (local.get 0))
            (func (export "id64") (param i64) (result i64) (local.get 0))
            (func (export "idf64") (param f64) (result f64) (local.get 0))
            (func (export "echo") (param i32 i32) (result i32)
              (i32.store (i32.const 0) (local.get 0)) (i32.store (i32.const 4) (local.get 1)) (i32.const 0))
            (func (export "trap") (param i32) (result i32) unreachable))
          (core instance $i (instantiate $M))
          (func (export "count") (result u32) (canon lift (core func $i "count")))
          (func (export "add") (param "a" u32) (param "b" u32) (result u32)
            (canon lift (core func $i "add") (post-return (core func $i "post"))))
          (func (export "s8") (param "x" s8) (result s8) (canon lift (core func $i "id32")))
          (func (export "u16") (param "x" u16) (result u16) (canon lift (core func $i "id32")))
          (func (export "bool") (param "x" bool) (result bool) (canon lift (core func $i "id32")))
          (func (export "char") (param "x" char) (result char) (canon lift (core func $i "id32")))
          (func (export "s64") (param "x" s64) (result s64) (canon lift (core func $i "id64")))
          (func (export "f64") (param "x" f64) (result f64) (canon lift (core func $i "idf64")))
          (func (export "trap") (param "x" u32) (result u32) (canon lift (core func $i "trap")))
          (func (export "echo") (param "s" string) (result string)
            (canon lift (core func $i "echo") (memory (core memory $i "mem")) (realloc (core func $i "realloc")) {{encoding}}
              (post-return (core func $i "post")))))
        """;

    private static ComponentInstance Instantiate(string encoding = "string-encoding=utf8")
    {
        var engine = new Engine();
        var store = new Store(engine);
        return new ComponentLinker(engine).Instantiate(store, Kiln.Runtime.Component.FromText(engine, Guest(encoding)));
    }

    [Fact]
    public void ScalarsRoundTripAndPostReturnRunsOncePerCall()
    {
        var instance = Instantiate();
        var add = instance.GetFunc("add")!.Typed<uint, uint, uint>();
        var count = instance.GetFunc("count")!.Typed<uint>();
        Assert.Equal(5u, add.Call(2, 3));
        Assert.Equal(uint.MaxValue, add.Call(uint.MaxValue, 0));
        Assert.Equal(2u, count.Call());
        Assert.Equal((sbyte)-5, instance.GetFunc("s8")!.Typed<sbyte, sbyte>().Call(-5));
        Assert.Equal((ushort)65535, instance.GetFunc("u16")!.Typed<ushort, ushort>().Call(65535));
        Assert.True(instance.GetFunc("bool")!.Typed<bool, bool>().Call(true));
        Assert.Equal(new Rune(0x1F600), instance.GetFunc("char")!.Typed<Rune, Rune>().Call(new Rune(0x1F600)));
        Assert.Equal(long.MinValue, instance.GetFunc("s64")!.Typed<long, long>().Call(long.MinValue));
        Assert.Equal(-0.5, instance.GetFunc("f64")!.Typed<double, double>().Call(-0.5));
    }

    [Theory]
    [InlineData("string-encoding=utf8", "héllo ☃ 😀 ツ")]
    [InlineData("string-encoding=utf16", "héllo ☃ 😀 ツ")]
    [InlineData("string-encoding=latin1+utf16", "héllo wörld")]
    [InlineData("string-encoding=latin1+utf16", "héllo ☃ 😀")]
    [InlineData("string-encoding=utf8", "")]
    public void StringsRoundTripInEveryEncoding(string encoding, string text)
    {
        var instance = Instantiate(encoding);
        var echo = instance.GetFunc("echo")!.Typed<string, string>();
        Assert.Equal(text, echo.Call(text));
        Assert.Equal(text + text, echo.Call(text + text));
        Assert.Equal(2u, instance.GetFunc("count")!.Typed<uint>().Call());
    }

    [Fact]
    public void AStringWithAnUnpairedSurrogateIsRefusedAndTheInstanceStaysUsable()
    {
        var echo = Instantiate().GetFunc("echo")!.Typed<string, string>();
        Assert.Throws<ComponentTypeMismatchException>(() => echo.Call("a\ud800b"));
        Assert.Equal("ok", echo.Call("ok"));
    }

    [Fact]
    public void AViewOfAnotherTypeIsRefusedWhenMade()
    {
        var instance = Instantiate();
        var add = instance.GetFunc("add")!;
        Assert.Contains("takes 2 parameters", Assert.Throws<ComponentTypeMismatchException>(() => add.Typed<uint, uint>()).Message);
        Assert.Contains("parameter 1 (`b`)", Assert.Throws<ComponentTypeMismatchException>(() => add.Typed<uint, int, uint>()).Message);
        Assert.Contains("the result of `add` is u32", Assert.Throws<ComponentTypeMismatchException>(() => add.Typed<uint, uint, string>()).Message);
        Assert.Throws<ComponentTypeMismatchException>(() => add.Typed<uint, uint, ValueTuple>());
        Assert.Throws<ComponentTypeMismatchException>(() => add.Typed<uint, uint, DateTime>());
    }

    [Fact]
    public void AfterATrapTheInstanceCannotBeEntered()
    {
        var instance = Instantiate();
        var trap = Assert.Throws<Trap>(() => instance.GetFunc("trap")!.Typed<uint, uint>().Call(1));
        Assert.Equal(TrapCode.Unreachable, trap.Code);
        Assert.Equal(TrapCode.CannotEnterComponent, Assert.Throws<Trap>(() => instance.GetFunc("count")!.Typed<uint>().Call()).Code);
    }

    [Fact]
    public void AScalarCallAllocatesNothing()
    {
        var add = Instantiate().GetFunc("add")!.Typed<uint, uint, uint>();
        uint sum = 0;
        for (uint i = 0; i < 1000; i++) sum += add.Call(i, 1); // warm up (JIT tiers)
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (uint i = 0; i < 1000; i++) sum += add.Call(i, 1);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(2u * (999u * 1000u / 2 + 1000u), sum);
    }
}
