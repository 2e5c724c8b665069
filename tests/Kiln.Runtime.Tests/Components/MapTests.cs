using Kiln.Runtime;

namespace Kiln.Runtime.Tests.Components;

/// <summary>
/// <c>map&lt;K, V&gt;</c> through the canonical ABI: laid out and flattened as <c>list&lt;tuple&lt;K, V&gt;&gt;</c>, lifted
/// and lowered between the host and a component and between two components (fused adapter), entries in order.
/// </summary>
public sealed class MapTests
{
    private static ComponentInstance Instantiate(Store store, string text) =>
        new ComponentLinker(store.Engine).Instantiate(store, Kiln.Runtime.Component.FromText(store.Engine, text));

    private static readonly string Memory = TestWat.MemoryAndRealloc(1024);

    private const string Opts = """(memory (core memory $m "mem")) (realloc (core func $m "realloc"))""";

    // "echo-*" return their (ptr, len) parameters as the result; "sum" adds keys and values of a map<u8, u64> read
    // with the ABI's layout (16-byte entries, value at offset 8); "bad-*" return a map whose content is invalid.
    private static readonly string Host = $$"""
        (component
          (core module $M
            {{Memory}}
            (data (i32.const 256) "\00\d8\00\00\01\00\00\00")
            (func (export "echo") (param i32 i32) (result i32)
              (i32.store (i32.const 0) (local.get 0))
              (i32.store (i32.const 4) (local.get 1))
              (i32.const 0))
            (func (export "echo4") (param i32 i32 i32 i32) (result i32)
              (i32.store (i32.const 0) (local.get 0))
              (i32.store (i32.const 4) (local.get 1))
              (i32.store (i32.const 8) (local.get 2))
              (i32.store (i32.const 12) (local.get 3))
              (i32.const 0))
            (func (export "sum") (param $p i32) (param $n i32) (result i64)
              (local $s i64)
              (block $done (loop $next
                (br_if $done (i32.eqz (local.get $n)))
                (local.set $s (i64.add (local.get $s) (i64.load8_u (local.get $p))))
                (local.set $s (i64.add (local.get $s) (i64.load offset=8 (local.get $p))))
                (local.set $p (i32.add (local.get $p) (i32.const 16)))
                (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                (br $next)))
              (local.get $s))
            (func (export "bad-char") (result i32)
              (i32.store (i32.const 0) (i32.const 256))
              (i32.store (i32.const 4) (i32.const 1))
              (i32.const 0))
            (func (export "bad-bounds") (result i32)
              (i32.store (i32.const 0) (i32.const 65528))
              (i32.store (i32.const 4) (i32.const 2))
              (i32.const 0)))
          (core instance $m (instantiate $M))
          (type $rec' (record (field "name" string) (field "m" (map string u32))))
          (export $rec "rec" (type $rec'))
          (func (export "str-u32") (param "m" (map string u32)) (result (map string u32)) (canon lift (core func $m "echo") {{Opts}}))
          (func (export "u32-str") (param "m" (map u32 string)) (result (map u32 string)) (canon lift (core func $m "echo") {{Opts}}))
          (func (export "char-bool") (param "m" (map char bool)) (result (map char bool)) (canon lift (core func $m "echo") {{Opts}}))
          (func (export "u8-u64") (param "m" (map u8 u64)) (result (map u8 u64)) (canon lift (core func $m "echo") {{Opts}}))
          (func (export "str-list") (param "m" (map string (list u32))) (result (map string (list u32))) (canon lift (core func $m "echo") {{Opts}}))
          (func (export "nested") (param "m" (map string (map string (list u8)))) (result (map string (map string (list u8)))) (canon lift (core func $m "echo") {{Opts}}))
          (func (export "record") (param "r" $rec) (result $rec) (canon lift (core func $m "echo4") {{Opts}}))
          (func (export "sum") (param "m" (map u8 u64)) (result u64) (canon lift (core func $m "sum") {{Opts}}))
          (func (export "bad-char") (result (map char bool)) (canon lift (core func $m "bad-char") {{Opts}}))
          (func (export "bad-bounds") (result (map u32 u32)) (canon lift (core func $m "bad-bounds") {{Opts}})))
        """;

    private static Val S(string s) => Val.String(s);

    public static TheoryData<string, Val> Maps() => new()
    {
        { "str-u32", Val.Map((S("one"), Val.U32(1)), (S("two"), Val.U32(2)), (S("three"), Val.U32(3))) },
        { "str-u32", Val.Map() },
        { "u32-str", Val.Map((Val.U32(7), S("seven")), (Val.U32(0), S("")), (Val.U32(uint.MaxValue), S("max ☃"))) },
        { "char-bool", Val.Map((Val.Char('a'), Val.Bool(true)), (Val.Char(0x1F600), Val.Bool(false))) },
        { "u8-u64", Val.Map((Val.U8(255), Val.U64(ulong.MaxValue)), (Val.U8(1), Val.U64(2))) },
        // Order is kept and a duplicate key is not merged: the ABI passes the list of pairs as it is.
        { "str-u32", Val.Map((S("b"), Val.U32(1)), (S("a"), Val.U32(2)), (S("b"), Val.U32(3))) },
        { "str-list", Val.Map((S("xs"), Val.List(Val.U32(1), Val.U32(2))), (S("none"), Val.List())) },
        { "nested", Val.Map((S("outer"), Val.Map((S("inner"), Val.List(Val.U8(1), Val.U8(2))), (S("empty"), Val.List()))), (S("e"), Val.Map())) },
    };

    [Theory]
    [MemberData(nameof(Maps))]
    public void MapsRoundTripThroughAComponent(string func, Val map)
    {
        using var store = new Store(new Engine());
        var back = Instantiate(store, Host).GetFunc(func)!.Call(map);
        Assert.Equal(map, back);
        Assert.Equal(map.Entries.Count, back!.AsMap().Count);
    }

    [Fact]
    public void AMapInsideARecordRoundTrips()
    {
        using var store = new Store(new Engine());
        var rec = Val.Record(("name", S("cfg")), ("m", Val.Map((S("k"), Val.U32(9)), (S("j"), Val.U32(10)))));
        Assert.Equal(rec, Instantiate(store, Host).GetFunc("record")!.Call(rec));
    }

    [Fact]
    public void EntriesAreLaidOutAsTuples()
    {
        using var store = new Store(new Engine());
        var sum = Instantiate(store, Host).GetFunc("sum")!;
        Assert.Equal(Val.U64(3 + 1000 + 5 + 7), sum.Call(Val.Map((Val.U8(3), Val.U64(1000)), (Val.U8(5), Val.U64(7)))));
        Assert.Equal(Val.U64(0), sum.Call(Val.Map()));
    }

    [Theory]
    [InlineData("bad-char", "invalid `char` bit pattern")]
    [InlineData("bad-bounds", "out of bounds of memory")]
    public void InvalidContentTraps(string func, string message)
    {
        using var store = new Store(new Engine());
        var t = Assert.Throws<Trap>(() => Instantiate(store, Host).GetFunc(func)!.Call());
        Assert.Equal(TrapCode.ComponentAbi, t.Code);
        Assert.Contains(message, t.Message);
    }

    [Fact]
    public void AHostValueOfTheWrongShapeIsATypeMismatch()
    {
        using var store = new Store(new Engine());
        var f = Instantiate(store, Host).GetFunc("str-u32")!;
        Assert.Throws<ComponentTypeMismatchException>(() => f.Call(Val.List(Val.Tuple(S("a"), Val.U32(1)))));
        Assert.Throws<ComponentTypeMismatchException>(() => f.Call(Val.Map((Val.U32(1), Val.U32(1)))));
    }

    // $C echoes a map in its memory; $D, with another memory, forwards the host's map to it through the fused
    // adapter and returns what came back; "bad" makes $D hand the adapter a map with an invalid char key.
    private static readonly string Fused = $$"""
        (component
          (component $C
            (core module $M
              {{Memory}}
              (func (export "echo") (param i32 i32) (result i32)
                (i32.store (i32.const 0) (local.get 0))
                (i32.store (i32.const 4) (local.get 1))
                (i32.const 0)))
            (core instance $m (instantiate $M))
            (func (export "echo") (param "m" (map string (map char (list u16)))) (result (map string (map char (list u16))))
              (canon lift (core func $m "echo") {{Opts}}))
            (func (export "keys") (param "m" (map char u32)) (result (map char u32))
              (canon lift (core func $m "echo") {{Opts}})))
          (instance $c (instantiate $C))
          (core module $Libc
            {{TestWat.MemoryAndRealloc(4096)}}
            (data (i32.const 256) "\00\d8\00\00\01\00\00\00"))
          (core instance $libc (instantiate $Libc))
          (core func $echo (canon lower (func $c "echo") (memory $libc "mem") (realloc (core func $libc "realloc"))))
          (core func $keys (canon lower (func $c "keys") (memory $libc "mem") (realloc (core func $libc "realloc"))))
          (core module $D
            (import "" "echo" (func $echo (param i32 i32 i32)))
            (import "" "keys" (func $keys (param i32 i32 i32)))
            (func (export "echo") (param i32 i32) (result i32)
              (call $echo (local.get 0) (local.get 1) (i32.const 16))
              (i32.const 16))
            (func (export "bad") (result i32)
              (call $keys (i32.const 256) (i32.const 1) (i32.const 16))
              (i32.const 16)))
          (core instance $d (instantiate $D (with "" (instance (export "echo" (func $echo)) (export "keys" (func $keys))))))
          (func (export "echo") (param "m" (map string (map char (list u16)))) (result (map string (map char (list u16))))
            (canon lift (core func $d "echo") (memory $libc "mem") (realloc (core func $libc "realloc"))))
          (func (export "bad") (result (map char u32))
            (canon lift (core func $d "bad") (memory $libc "mem") (realloc (core func $libc "realloc")))))
        """;

    [Fact]
    public void MapsCrossBetweenComponentsThroughTheFusedAdapter()
    {
        using var store = new Store(new Engine());
        var echo = Instantiate(store, Fused).GetFunc("echo")!;
        var map = Val.Map(
            (S("z"), Val.Map((Val.Char('x'), Val.List(Val.U16(1), Val.U16(65535))), (Val.Char(0x2603), Val.List()))),
            (S("a"), Val.Map()),
            (S("z"), Val.Map((Val.Char('y'), Val.List(Val.U16(3))))));
        Assert.Equal(map, echo.Call(map));
        Assert.Equal(Val.Map(), echo.Call(Val.Map()));
    }

    [Fact]
    public void AnInvalidKeyTrapsInTheAdapter()
    {
        using var store = new Store(new Engine());
        var t = Assert.Throws<Trap>(() => Instantiate(store, Fused).GetFunc("bad")!.Call());
        Assert.Equal(TrapCode.ComponentAbi, t.Code);
        Assert.Contains("invalid `char` bit pattern", t.Message);
    }

    [Fact]
    public void ValMapKeepsOrderInEqualityAndText()
    {
        var ab = Val.Map((S("a"), Val.U32(1)), (S("b"), Val.U32(2)));
        var ba = Val.Map((S("b"), Val.U32(2)), (S("a"), Val.U32(1)));
        Assert.NotEqual(ab, ba);
        Assert.Equal(ab, Val.Map([KeyValuePair.Create(S("a"), Val.U32(1)), KeyValuePair.Create(S("b"), Val.U32(2))]));
        Assert.NotEqual(Val.Map(), Val.List());
        Assert.Equal("[(\"a\", 1), (\"b\", 2)]", ab.ToString());
        Assert.Throws<InvalidCastException>(() => Val.List().AsMap());
    }
}
