namespace Kiln.Runtime.Tests.Regressions;

/// <summary>
/// Found by fuzz/Kiln.CompFuzz (seed 1: 42 of the first 500 cases, every one with a string transcoded between
/// encodings): Kiln's adapters and host calls allocated a transcoded string with one exact-size realloc, where
/// the canonical ABI (definitions.py, <c>store_string_into_range</c>) first allocates the source's code-unit
/// count, grows to the worst case at the first code point that does not fit and shrinks to the exact size, the
/// requests depending on the source encoding. The guest's realloc sees every request; Wasmtime 50.0.1 makes the
/// spec's. Reduced: the caller $D forwards a string through a fused adapter to $C, whose realloc logs each
/// (old size, alignment, new size) request; the expected logs are the spec's.
/// </summary>
public sealed class StringTranscodeReallocTests
{
    private static string Text(string callerEncoding, string calleeEncoding) => $$"""
        (component
          (component $C
            (core module $M
              (memory (export "mem") 1)
              (global $bump (mut i32) (i32.const 1024))
              (global $n (mut i32) (i32.const 0))
              (func (export "realloc") (param $old i32) (param $oldsize i32) (param $align i32) (param $size i32) (result i32)
                (local $p i32) (local $at i32)
                (local.set $at (i32.add (i32.const 256) (i32.mul (global.get $n) (i32.const 12))))
                (i32.store (local.get $at) (local.get $oldsize))
                (i32.store offset=4 (local.get $at) (local.get $align))
                (i32.store offset=8 (local.get $at) (local.get $size))
                (global.set $n (i32.add (global.get $n) (i32.const 1)))
                (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
                                       (i32.sub (i32.const 0) (local.get $align))))
                (global.set $bump (i32.add (local.get $p) (local.get $size)))
                (if (local.get $old) (then (memory.copy (local.get $p) (local.get $old)
                  (select (local.get $oldsize) (local.get $size) (i32.lt_u (local.get $oldsize) (local.get $size))))))
                (local.get $p))
              (func (export "f") (param i32 i32) (result i32) (local.get 1))
              (func (export "log") (result i32)
                (i32.store (i32.const 0) (i32.const 256))
                (i32.store (i32.const 4) (i32.mul (global.get $n) (i32.const 3)))
                (i32.const 0)))
            (core instance $m (instantiate $M))
            (func (export "f") (param "s" string) (result u32)
              (canon lift (core func $m "f") (memory (core memory $m "mem")) (realloc (core func $m "realloc")) string-encoding={{calleeEncoding}}))
            (func (export "log") (result (list u32)) (canon lift (core func $m "log") (memory (core memory $m "mem")))))
          (instance $c (instantiate $C))
          (core module $Libc
            (memory (export "mem") 1)
            (global $bump (mut i32) (i32.const 1024))
            (func (export "realloc") (param i32 i32 i32 i32) (result i32) (local $p i32)
              (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get 2) (i32.const 1)))
                                     (i32.sub (i32.const 0) (local.get 2))))
              (global.set $bump (i32.add (local.get $p) (local.get 3)))
              (local.get $p)))
          (core instance $libc (instantiate $Libc))
          (core func $f (canon lower (func $c "f") (memory (core memory $libc "mem")) string-encoding={{callerEncoding}}))
          (core module $D
            (import "" "f" (func $f (param i32 i32) (result i32)))
            (func (export "run") (param i32 i32) (result i32) (call $f (local.get 0) (local.get 1))))
          (core instance $d (instantiate $D (with "" (instance (export "f" (func $f))))))
          (func (export "run") (param "s" string) (result u32)
            (canon lift (core func $d "run") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc")) string-encoding={{callerEncoding}}))
          (export "log" (func $c "log")))
        """;

    [Theory]
    // utf16 -> utf8 (store_utf16_to_utf8): 2 units, worst case 3 a unit, shrunk to the 3 bytes of "aé".
    [InlineData("utf16", "utf8", "aé", new uint[] { 0, 1, 2, 2, 1, 6, 6, 1, 3 })]
    // All ASCII: the first allocation is exact.
    [InlineData("utf16", "utf8", "ab", new uint[] { 0, 1, 2 })]
    // latin1 -> utf8 (store_latin1_to_utf8): worst case 2 a unit.
    [InlineData("latin1+utf16", "utf8", "aé", new uint[] { 0, 1, 2, 2, 1, 4, 4, 1, 3 })]
    // utf8 -> utf16 (store_utf8_to_utf16): 2 bytes a UTF-8 byte, shrunk.
    [InlineData("utf8", "utf16", "aé", new uint[] { 0, 2, 6, 6, 2, 4 })]
    // utf8 -> latin1+utf16 (store_string_to_latin1_or_utf16): fits Latin-1, shrunk from 3 to 2 bytes.
    [InlineData("utf8", "latin1+utf16", "aé", new uint[] { 0, 2, 3, 3, 2, 2 })]
    // ... and does not fit: grows to 2 bytes a UTF-8 byte, shrinks to the UTF-16 size.
    [InlineData("utf8", "latin1+utf16", "a中", new uint[] { 0, 2, 4, 4, 2, 8, 8, 2, 4 })]
    // utf16 -> latin1+utf16: Latin-1 first, then inflated to UTF-16 (already the exact size).
    [InlineData("utf16", "latin1+utf16", "a中", new uint[] { 0, 2, 2, 2, 2, 4 })]
    // latin1+utf16 (UTF-16 content) -> latin1+utf16 (store_probably_utf16_to_latin1_or_utf16): one request.
    [InlineData("latin1+utf16", "latin1+utf16", "a中", new uint[] { 0, 2, 4 })]
    public void TranscodingRequestsAreTheCanonicalAbis(string caller, string callee, string s, uint[] expected)
    {
        var engine = new Engine();
        using var component = Kiln.Runtime.Component.FromText(engine, Text(caller, callee));
        using var store = new Store(engine);
        var instance = new ComponentLinker(engine).Instantiate(store, component);
        instance.GetFunc("run")!.Call(Val.String(s));
        var log = instance.GetFunc("log")!.Call()!.Items.Select(v => v.AsU32()).ToArray();
        Assert.Equal(expected, log);
    }

    /// <summary>The host's strings are .NET strings, UTF-16 to the ABI: lowering one into a UTF-8 callee makes the
    /// requests of <c>store_utf16_to_utf8</c>.</summary>
    [Fact]
    public void HostStringsLowerAsUtf16Source()
    {
        var engine = new Engine();
        using var component = Kiln.Runtime.Component.FromText(engine, Text("utf8", "utf8"));
        using var store = new Store(engine);
        var instance = new ComponentLinker(engine).Instantiate(store, component);
        // The callee's log stays empty (utf8 -> utf8 copies exactly: one request)...
        instance.GetFunc("run")!.Call(Val.String("aé"));
        Assert.Equal(new uint[] { 0, 1, 3 }, instance.GetFunc("log")!.Call()!.Items.Select(v => v.AsU32()).ToArray());
    }
}
