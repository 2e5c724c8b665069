using System.Text;

namespace Kiln.Reference.Tests;

public sealed class WasiPreview1Tests : IDisposable
{
    private const string Wat = """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
          (import "wasi_snapshot_preview1" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "path_open"
            (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 100) "hello, wasi\n")
          (data (i32.const 200) "data.txt")
          (data (i32.const 300) "made.txt")
          (func $write (param $fd i32) (param $ptr i32) (param $len i32) (result i32)
            (i32.store (i32.const 0) (local.get $ptr))
            (i32.store (i32.const 4) (local.get $len))
            (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))
          (func (export "hello") (result i32) (call $write (i32.const 1) (i32.const 100) (i32.const 12)))
          (func (export "hello-stderr") (result i32) (call $write (i32.const 2) (i32.const 100) (i32.const 5)))
          (func (export "argc") (result i32)
            (drop (call $args_sizes_get (i32.const 16) (i32.const 20))) (i32.load (i32.const 16)))
          (func (export "envc") (result i32)
            (drop (call $environ_sizes_get (i32.const 16) (i32.const 20))) (i32.load (i32.const 16)))
          (func (export "exit") (param i32) (call $proc_exit (local.get 0)))
          ;; fd 3 is the first preopen: its prestat is { u8 tag; u32 name_len }
          (func (export "preopen-name-len") (result i32) (local $e i32)
            (local.set $e (call $fd_prestat_get (i32.const 3) (i32.const 32)))
            (if (local.get $e) (then (return (i32.sub (i32.const 0) (local.get $e)))))
            (i32.load (i32.const 36)))
          ;; opens data.txt read-only (rights fd_read), reads up to 256 bytes, echoes them to stdout; -errno on failure
          (func (export "cat") (result i32) (local $e i32)
            (local.set $e (call $path_open (i32.const 3) (i32.const 0) (i32.const 200) (i32.const 8)
              (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 40)))
            (if (local.get $e) (then (return (i32.sub (i32.const 0) (local.get $e)))))
            (i32.store (i32.const 48) (i32.const 1024))
            (i32.store (i32.const 52) (i32.const 256))
            (local.set $e (call $fd_read (i32.load (i32.const 40)) (i32.const 48) (i32.const 1) (i32.const 56)))
            (if (local.get $e) (then (return (i32.sub (i32.const 0) (local.get $e)))))
            (drop (call $write (i32.const 1) (i32.const 1024) (i32.load (i32.const 56))))
            (i32.load (i32.const 56)))
          ;; creates made.txt (oflags O_CREAT, rights fd_write); the errno
          (func (export "create") (result i32)
            (call $path_open (i32.const 3) (i32.const 0) (i32.const 300) (i32.const 8)
              (i32.const 1) (i64.const 64) (i64.const 0) (i32.const 0) (i32.const 40))))
        """;

    private readonly WasmtimeEngine engine = new();
    private readonly WasmtimeModule module;
    private readonly string dir = Directory.CreateTempSubdirectory("kiln-reference-wasi-").FullName;

    public WasiPreview1Tests()
    {
        module = WasmtimeModule.Compile(engine, WasmtimeWat.ToWasm(Wat));
        File.WriteAllText(Path.Combine(dir, "data.txt"), "reference");
    }

    public void Dispose()
    {
        module.Dispose();
        engine.Dispose();
        Directory.Delete(dir, recursive: true);
    }

    private (WasmtimeStore Store, WasmtimeInstance Instance) Run(WasiConfiguration wasi)
    {
        var store = new WasmtimeStore(engine);
        store.SetWasi(wasi);
        using var linker = new WasmtimeLinker(engine);
        linker.DefineWasi();
        return (store, linker.Instantiate(store, module));
    }

    [Fact]
    public void StdoutAndStderrReachTheirCaptureCallbacks()
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var (store, instance) = Run(new WasiConfiguration { Stdout = b => stdout.Write(b), Stderr = b => stderr.Write(b) });
        using var _ = store;
        Assert.Equal(0, instance.GetFunc("hello")!.Call()[0].I32);
        Assert.Equal(0, instance.GetFunc("hello-stderr")!.Call()[0].I32);
        Assert.Equal("hello, wasi\n", Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Equal("hello", Encoding.UTF8.GetString(stderr.ToArray()));
    }

    [Fact]
    public void ArgumentsAndEnvironmentAreTheConfigured()
    {
        var wasi = new WasiConfiguration();
        wasi.Args.AddRange(["prog", "a", "b"]);
        wasi.Env.Add(KeyValuePair.Create("ONLY", "this"));
        var (store, instance) = Run(wasi);
        using var _ = store;
        Assert.Equal(3, instance.GetFunc("argc")!.Call()[0].I32);
        Assert.Equal(1, instance.GetFunc("envc")!.Call()[0].I32);
    }

    [Fact]
    public void ProcExitIsAnExitWithItsCode()
    {
        var (store, instance) = Run(new WasiConfiguration());
        using var _ = store;
        var e = Assert.Throws<WasmtimeExitException>(() => instance.GetFunc("exit")!.Call(WasmValue.FromI32(3)));
        Assert.Equal(3, e.ExitCode);
    }

    [Fact]
    public void PreopenedDirectoryIsReadable()
    {
        var stdout = new MemoryStream();
        var wasi = new WasiConfiguration { Stdout = b => stdout.Write(b) };
        wasi.Preopens.Add(new WasiPreopenDir(dir, ".", Mutable: false));
        var (store, instance) = Run(wasi);
        using var _ = store;
        Assert.Equal(1, instance.GetFunc("preopen-name-len")!.Call()[0].I32); // "."
        Assert.Equal(9, instance.GetFunc("cat")!.Call()[0].I32);
        Assert.Equal("reference", Encoding.UTF8.GetString(stdout.ToArray()));
    }

    /// <summary>Pins wasi_config_preopen_dir's fourth parameter as a bool "mutable" (older Wasmtimes took two
    /// permission words there).</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OnlyAMutablePreopenLetsTheGuestCreateFiles(bool mutable)
    {
        var wasi = new WasiConfiguration();
        wasi.Preopens.Add(new WasiPreopenDir(dir, ".", mutable));
        var (store, instance) = Run(wasi);
        using var _ = store;
        int errno = instance.GetFunc("create")!.Call()[0].I32;
        Assert.Equal(mutable, errno == 0);
        Assert.Equal(mutable, File.Exists(Path.Combine(dir, "made.txt")));
    }

    [Fact]
    public void WithoutPreopensThereIsNoFd3()
    {
        var (store, instance) = Run(new WasiConfiguration());
        using var _ = store;
        Assert.Equal(-8, instance.GetFunc("preopen-name-len")!.Call()[0].I32); // EBADF
    }
}
