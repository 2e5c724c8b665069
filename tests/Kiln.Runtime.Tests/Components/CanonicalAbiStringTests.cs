using Kiln.Runtime;

namespace Kiln.Runtime.Tests.Components;

/// <summary>Strings through the canonical ABI in each encoding, both directions, and the invalid inputs the ABI
/// defines as traps.</summary>
public sealed class CanonicalAbiStringTests
{
    // A bump allocator, an echo that hands its argument back as the result, and a host import the guest can call
    // with a string it takes from memory.
    private static string Echo(string encoding) => $$"""
        (component
          (import "log" (func $log (param "s" string)))
          (core module $Mem
            (memory (export "mem") 1)
            (global $bump (mut i32) (i32.const 1024))
            (func (export "realloc") (param i32 i32 i32 i32) (result i32)
              (local $p i32)
              (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get 2) (i32.const 1)))
                                     (i32.xor (i32.sub (local.get 2) (i32.const 1)) (i32.const -1))))
              (global.set $bump (i32.add (local.get $p) (local.get 3)))
              (local.get $p)))
          (core instance $mem (instantiate $Mem))
          (core func $log' (canon lower (func $log) (memory (core memory $mem "mem")) {{encoding}}))
          (core module $M
            (import "" "mem" (memory 1))
            (import "" "log" (func $log (param i32 i32)))
            (func (export "echo") (param i32 i32) (result i32)
              (call $log (local.get 0) (local.get 1))
              (i32.store (i32.const 0) (local.get 0))
              (i32.store (i32.const 4) (local.get 1))
              (i32.const 0))
            (func (export "bad") (param i32) (result i32)
              (i32.store (i32.const 16) (i32.const 0xdc00d800))
              (i32.store (i32.const 20) (i32.const 0xffc3))
              (i32.store (i32.const 0) (i32.add (i32.const 16) (local.get 0)))
              (i32.store (i32.const 4) (i32.const 1))
              (i32.const 0)))
          (core instance $m (instantiate $M (with "" (instance (export "mem" (memory $mem "mem")) (export "log" (func $log'))))))
          (func (export "echo") (param "s" string) (result string)
            (canon lift (core func $m "echo") (memory (core memory $mem "mem")) (realloc (core func $mem "realloc")) {{encoding}}))
          (func (export "bad") (param "at" u32) (result string)
            (canon lift (core func $m "bad") (memory (core memory $mem "mem")) {{encoding}})))
        """;

    public static TheoryData<string, string> RoundTrips => new()
    {
        { "string-encoding=utf8", "héllo ☃ 😀 ツ" },
        { "string-encoding=utf16", "héllo ☃ 😀 ツ" },
        { "string-encoding=latin1+utf16", "héllo wörld" },  // fits latin1
        { "string-encoding=latin1+utf16", "héllo ☃ 😀" },   // needs utf16: the tagged length
        { "string-encoding=utf8", "" },
    };

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void NonAsciiTextRoundTrips(string encoding, string text)
    {
        var engine = new Engine();
        using var store = new Store(engine);
        var linker = new ComponentLinker(engine);
        var logged = new List<string>();
        linker.DefineAction("log", (string s) => logged.Add(s));
        var echo = linker.Instantiate(store, Kiln.Runtime.Component.FromText(engine, Echo(encoding))).GetFunc("echo")!;
        Assert.Equal(Val.String(text), echo.Call(Val.String(text)));
        Assert.Equal([text], logged);
    }

    [Fact]
    public void InvalidUtf8FromTheGuestTraps()
    {
        // bytes at 16: 00 d8 00 dc c3 ff; offset 5 is 0xff (never valid), offset 4 is 0xc3 cut short.
        var bad = Instantiate("string-encoding=utf8");
        Assert.Equal("invalid utf-8", Assert.Throws<Trap>(() => bad.Call(Val.U32(5))).Message);
        bad = Instantiate("string-encoding=utf8");
        var t = Assert.Throws<Trap>(() => bad.Call(Val.U32(4)));
        Assert.Equal(TrapCode.ComponentAbi, t.Code);
        Assert.Equal("incomplete utf-8 byte sequence", t.Message);
    }

    [Fact]
    public void UnpairedSurrogatesTrapInUtf16()
    {
        // One code unit at 16 is 0xd800: a high surrogate with nothing after it.
        var t = Assert.Throws<Trap>(() => Instantiate("string-encoding=utf16").Call(Val.U32(0)));
        Assert.Equal(TrapCode.ComponentAbi, t.Code);
        Assert.Contains("unpaired surrogate", t.Message);
        // Misaligned utf16 pointer.
        Assert.Equal("unaligned pointer", Assert.Throws<Trap>(() => Instantiate("string-encoding=utf16").Call(Val.U32(1))).Message);
    }

    [Fact]
    public void AHostStringWithAnUnpairedSurrogateIsRefused()
    {
        var engine = new Engine();
        using var store = new Store(engine);
        var linker = new ComponentLinker(engine);
        linker.DefineAction("log", (string _) => { });
        var echo = linker.Instantiate(store, Kiln.Runtime.Component.FromText(engine, Echo("string-encoding=utf8"))).GetFunc("echo")!;
        Assert.Throws<ComponentTypeMismatchException>(() => echo.Call(Val.String("a\ud800b")));
        Assert.Equal(Val.String("ok"), echo.Call(Val.String("ok")));
    }

    private static ComponentFunc Instantiate(string encoding)
    {
        var engine = new Engine();
        var store = new Store(engine);
        var linker = new ComponentLinker(engine);
        linker.DefineAction("log", (string _) => { });
        return linker.Instantiate(store, Kiln.Runtime.Component.FromText(engine, Echo(encoding))).GetFunc("bad")!;
    }
}
