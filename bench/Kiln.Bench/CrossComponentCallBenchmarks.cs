using BenchmarkDotNet.Attributes;
using Kiln.Reference;
using Kiln.Runtime;

namespace Kiln.Bench;

/// <summary>
/// A call from one component instance into another through a fused adapter (issue 12): the host calls
/// <c>$D</c>'s export, whose core code calls <c>$C</c>'s function lowered into <c>$D</c> (different memories).
/// <c>func(u32) -> u32</c> (Kiln's adapter translates in wasm) and <c>func(string) -> string</c> with a 1 KiB
/// string (Kiln's adapter copies through its translate builtins), in Kiln and in Wasmtime 50.0.1 on the same
/// component. Each figure includes the host's own call into <c>$D</c>; compare with
/// <see cref="ComponentCallBenchmarks"/> for the adapter's share.
/// </summary>
[MinColumn, MedianColumn]
public class CrossComponentCallBenchmarks
{
    // Bump allocators reset by post-return, so a million calls do not grow either memory.
    private const string Allocator = """
            (memory (export "mem") 1)
            (global $bump (mut i32) (i32.const 1024))
            (func (export "realloc") (param i32 i32 i32 i32) (result i32) (local $p i32)
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
                (i32.store (i32.const 0) (local.get 0)) (i32.store (i32.const 4) (local.get 1)) (i32.const 0)))
            (core instance $i (instantiate $m))
            (func (export "u32") (param "x" u32) (result u32) (canon lift (core func $i "u32")))
            (func (export "string") (param "s" string) (result string)
              (canon lift (core func $i "string") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))
                (post-return (core func $i "reset")))))
          (instance $c (instantiate $C))
          (core module $libc
            {{Allocator}})
          (core instance $libc (instantiate $libc))
          (core func $u32 (canon lower (func $c "u32")))
          (core func $string (canon lower (func $c "string") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))))
          (core module $d
            (import "" "u32" (func $u32 (param i32) (result i32)))
            (import "" "string" (func $string (param i32 i32 i32)))
            (func (export "u32") (param i32) (result i32) (call $u32 (local.get 0)))
            (func (export "string") (param i32 i32) (result i32)
              (call $string (local.get 0) (local.get 1) (i32.const 16)) (i32.const 16)))
          (core instance $d (instantiate $d (with "" (instance (export "u32" (func $u32)) (export "string" (func $string))))))
          (func (export "u32") (param "x" u32) (result u32) (canon lift (core func $d "u32")))
          (func (export "string") (param "s" string) (result string)
            (canon lift (core func $d "string") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))
              (post-return (core func $libc "reset")))))
        """;

    private static readonly string Text1K = new('k', 1024);

    private WasmtimeEngine _wtEngine = null!;
    private WasmtimeStore _wtStore = null!;
    private WasmtimeComponent _wtComponent = null!;
    private WasmtimeComponentFunc _wtU32 = null!;
    private WasmtimeComponentFunc _wtString = null!;
    private readonly ComponentValue _wtU32Arg = new ComponentValue.U32(41);
    private readonly ComponentValue _wtStringArg = new ComponentValue.String(Text1K);

    private Store _store = null!;
    private ComponentFunc _u32 = null!;
    private ComponentFunc _string = null!;
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
        }
        var engine = new Engine();
        _store = new Store(engine);
        var kiln = new ComponentLinker(engine).Instantiate(_store, Kiln.Runtime.Component.FromText(engine, Component));
        _u32 = kiln.GetFunc("u32")!;
        _string = kiln.GetFunc("string")!;
        // Check once that the calls do what the benchmark claims.
        if (_wtU32.Call(_wtU32Arg) != _wtU32Arg || _wtString.Call(_wtStringArg) != _wtStringArg)
            throw new InvalidOperationException("Wasmtime: the components do not echo the argument");
        if (!Equals(_u32.Call(_u32Arg), _u32Arg) || !Equals(_string.Call(_stringArg), _stringArg))
            throw new InvalidOperationException("Kiln: the components do not echo the argument");
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
}
