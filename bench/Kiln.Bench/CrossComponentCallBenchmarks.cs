using BenchmarkDotNet.Attributes;
using Kiln.Reference;
using Kiln.Runtime;

namespace Kiln.Bench;

/// <summary>
/// A call from one component instance into another through a fused adapter (issue 12): the host calls
/// <c>$D</c>'s export, whose core code calls <c>$C</c>'s function lowered into <c>$D</c> (different memories).
/// <c>func(u32) -> u32</c> and <c>func(string) -> string</c> with a 1 KiB string (Kiln's adapter translates and copies
/// both in wasm), in Kiln and in Wasmtime 50.0.1 on the same
/// component, and <c>func(string) -> list&lt;u32&gt;</c> with a 1 KiB string in and 256 elements out, built by
/// <c>$C</c> in its memory, forwarded by <c>$D</c> and copied between the two memories by the adapter; the same with
/// <c>$D</c> answering one u32 checked against the list (<c>…Checked</c>), so the host lifts no list and the figure is
/// the crossing itself. Each figure includes the host's own call into <c>$D</c>; compare with
/// <see cref="ComponentCallBenchmarks"/> for the adapter's share.
/// </summary>
[MinColumn, MedianColumn, MemoryDiagnoser]
public class CrossComponentCallBenchmarks
{
    // Bump allocators reset by post-return, so a million calls do not grow either memory.
    private const string Allocator = """
            (memory (export "mem") 1)
            (global $bump (mut i32) (i32.const 1024))
            (func $realloc (export "realloc") (param i32 i32 i32 i32) (result i32) (local $p i32)
              (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get 2) (i32.const 1)))
                                     (i32.sub (i32.const 0) (local.get 2))))
              (global.set $bump (i32.add (local.get $p) (local.get 3)))
              (local.get $p))
            (func (export "reset") (param i32) (global.set $bump (i32.const 1024)))
        """;

    public const string Component = $$"""
        (component
          (component $C
            (core module $m
              {{Allocator}}
              (func (export "u32") (param i32) (result i32) (local.get 0))
              (func (export "string") (param i32 i32) (result i32)
                (i32.store (i32.const 0) (local.get 0)) (i32.store (i32.const 4) (local.get 1)) (i32.const 0))
              ;; 256 u32s, element i = (string length) + 7 i, so the result shows the string arrived whole.
              (func (export "list") (param $p i32) (param $n i32) (result i32) (local $a i32) (local $i i32)
                (local.set $a (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 1024)))
                (loop $fill
                  (i32.store (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2)))
                    (i32.add (local.get $n) (i32.mul (local.get $i) (i32.const 7))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $fill (i32.lt_u (local.get $i) (i32.const 256))))
                (i32.store (i32.const 0) (local.get $a)) (i32.store (i32.const 4) (i32.const 256)) (i32.const 0)))
            (core instance $i (instantiate $m))
            (func (export "u32") (param "x" u32) (result u32) (canon lift (core func $i "u32")))
            (func (export "string") (param "s" string) (result string)
              (canon lift (core func $i "string") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))
                (post-return (core func $i "reset"))))
            (func (export "list") (param "s" string) (result (list u32))
              (canon lift (core func $i "list") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))
                (post-return (core func $i "reset")))))
          (instance $c (instantiate $C))
          (core module $libc
            {{Allocator}})
          (core instance $libc (instantiate $libc))
          (core func $u32 (canon lower (func $c "u32")))
          (core func $string (canon lower (func $c "string") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))))
          (core func $list (canon lower (func $c "list") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))))
          (core module $d
            (import "" "u32" (func $u32 (param i32) (result i32)))
            (import "" "string" (func $string (param i32 i32 i32)))
            (import "" "list" (func $list (param i32 i32 i32)))
            (import "" "mem" (memory 1))
            (func (export "u32") (param i32) (result i32) (call $u32 (local.get 0)))
            (func (export "string") (param i32 i32) (result i32)
              (call $string (local.get 0) (local.get 1) (i32.const 16)) (i32.const 16))
            (func (export "list") (param i32 i32) (result i32)
              (call $list (local.get 0) (local.get 1) (i32.const 16)) (i32.const 16))
            ;; The same crossing, but $D answers the list's length and its last element's sum with the first, so the
            ;; host lifts one u32: the figure is the adapter's copies and the two instances' code, not host values.
            (func (export "list-check") (param i32 i32) (result i32) (local $p i32)
              (call $list (local.get 0) (local.get 1) (i32.const 16))
              (local.set $p (i32.load (i32.const 16)))
              (i32.add (i32.load (i32.const 20))
                (i32.add (i32.load (local.get $p)) (i32.load offset=1020 (local.get $p))))))
          (core instance $d (instantiate $d (with "" (instance (export "u32" (func $u32)) (export "string" (func $string)) (export "list" (func $list))
            (export "mem" (memory $libc "mem"))))))
          (func (export "u32") (param "x" u32) (result u32) (canon lift (core func $d "u32")))
          (func (export "string") (param "s" string) (result string)
            (canon lift (core func $d "string") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))
              (post-return (core func $libc "reset"))))
          (func (export "list") (param "s" string) (result (list u32))
            (canon lift (core func $d "list") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))
              (post-return (core func $libc "reset"))))
          (func (export "list-check") (param "s" string) (result u32)
            (canon lift (core func $d "list-check") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))
              (post-return (core func $libc "reset")))))
        """;

    private static readonly string Text1K = new('k', 1024);

    private WasmtimeEngine _wtEngine = null!;
    private WasmtimeStore _wtStore = null!;
    private WasmtimeComponent _wtComponent = null!;
    private WasmtimeComponentFunc _wtU32 = null!;
    private WasmtimeComponentFunc _wtString = null!;
    private WasmtimeComponentFunc _wtList = null!;
    private WasmtimeComponentFunc _wtListCheck = null!;
    private readonly ComponentValue _wtU32Arg = new ComponentValue.U32(41);
    private readonly ComponentValue _wtStringArg = new ComponentValue.String(Text1K);

    private Store _store = null!;
    private ComponentFunc _u32 = null!;
    private ComponentFunc _string = null!;
    private ComponentFunc _list = null!;
    private ComponentFunc _listCheck = null!;
    private readonly Val _u32Arg = Val.U32(41);
    private readonly Val _stringArg = Val.String(Text1K);

    [GlobalSetup]
    public void Setup()
    {
        _wtEngine = new WasmtimeEngine();
        _wtStore = new WasmtimeStore(_wtEngine);
        _wtComponent = WasmtimeComponent.Compile(_wtEngine, WasmtimeWat.ToWasm(Component));
        using (var linker = new WasmtimeComponentLinker(_wtEngine))
        {
            var instance = linker.Instantiate(_wtStore, _wtComponent);
            _wtU32 = instance.GetFunc("u32")!;
            _wtString = instance.GetFunc("string")!;
            _wtList = instance.GetFunc("list")!;
            _wtListCheck = instance.GetFunc("list-check")!;
        }
        var engine = new Engine();
        _store = new Store(engine);
        var kiln = new ComponentLinker(engine).Instantiate(_store, Kiln.Runtime.Component.FromText(engine, Component));
        _u32 = kiln.GetFunc("u32")!;
        _string = kiln.GetFunc("string")!;
        _list = kiln.GetFunc("list")!;
        _listCheck = kiln.GetFunc("list-check")!;
        // Check once that the calls do what the benchmark claims.
        if (_wtU32.Call(_wtU32Arg) != _wtU32Arg || _wtString.Call(_wtStringArg) != _wtStringArg)
            throw new InvalidOperationException("Wasmtime: the components do not echo the argument");
        if (!Equals(_u32.Call(_u32Arg), _u32Arg) || !Equals(_string.Call(_stringArg), _stringArg))
            throw new InvalidOperationException("Kiln: the components do not echo the argument");
        CheckList("Wasmtime", _wtList.Call(_wtStringArg) is ComponentValue.List wt
            ? [.. wt.Items.Select(v => v is ComponentValue.U32 u ? u.Value : uint.MaxValue)] : null);
        CheckList("Kiln", _list.Call(_stringArg) is { Kind: ValKind.List } kv ? [.. kv.Items.Select(v => v.AsU32())] : null);
        // 256 elements, first 1024 and last 1024 + 7 * 255: 256 + 2048 + 1785.
        if (_wtListCheck.Call(_wtStringArg) is not ComponentValue.U32 { Value: ListCheck })
            throw new InvalidOperationException("Wasmtime: list-check does not see the 256 elements $C builds");
        if (_listCheck.Call(_stringArg) is not { Kind: ValKind.U32 } k || k.AsU32() != ListCheck)
            throw new InvalidOperationException("Kiln: list-check does not see the 256 elements $C builds");
    }

    private const uint ListCheck = 256 + 1024 + 1024 + 7 * 255;

    /// <summary>256 elements, element i = 1024 + 7 i (what <c>$C</c> builds from the 1 KiB string).</summary>
    private static void CheckList(string engine, uint[]? items)
    {
        if (items is not { Length: 256 } || items[0] != 1024 || items[1] != 1031 || items[128] != 1024 + 7 * 128
            || items[255] != 1024 + 7 * 255)
            throw new InvalidOperationException($"{engine}: the list<u32> result is not the 256 elements $C builds");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _wtComponent.Dispose();
        _wtStore.Dispose();
        _wtEngine.Dispose();
    }

    [Benchmark]
    public ComponentValue? WasmtimeU32() => _wtU32.Call(_wtU32Arg);

    [Benchmark]
    public Val? KilnU32() => _u32.Call(_u32Arg);

    [Benchmark]
    public ComponentValue? WasmtimeString1K() => _wtString.Call(_wtStringArg);

    [Benchmark]
    public Val? KilnString1K() => _string.Call(_stringArg);

    [Benchmark]
    public ComponentValue? WasmtimeStringToList256() => _wtList.Call(_wtStringArg);

    [Benchmark]
    public Val? KilnStringToList256() => _list.Call(_stringArg);

    [Benchmark]
    public ComponentValue? WasmtimeStringToList256Checked() => _wtListCheck.Call(_wtStringArg);

    [Benchmark]
    public Val? KilnStringToList256Checked() => _listCheck.Call(_stringArg);
}
