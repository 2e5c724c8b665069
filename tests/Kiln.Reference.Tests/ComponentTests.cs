using System.Text;
using V = Kiln.Reference.ComponentValue;

namespace Kiln.Reference.Tests;

public sealed class ComponentTests : IDisposable
{
    private readonly WasmtimeEngine engine = new();
    private readonly WasmtimeStore store;
    private readonly WasmtimeComponent echo;
    private readonly WasmtimeComponentInstance instance;

    public ComponentTests()
    {
        store = new WasmtimeStore(engine);
        echo = WasmtimeComponent.Compile(engine, WasmtimeWat.ToWasm(ComponentTexts.Echo));
        using var linker = new WasmtimeComponentLinker(engine);
        instance = linker.Instantiate(store, echo);
    }

    public void Dispose()
    {
        echo.Dispose();
        store.Dispose();
        engine.Dispose();
    }

    public static TheoryData<string, V> RoundTrips() => new()
    {
        { "bool", new V.Bool(true) },
        { "bool", new V.Bool(false) },
        { "s8", new V.S8(-128) },
        { "u8", new V.U8(255) },
        { "s16", new V.S16(-32768) },
        { "u16", new V.U16(65535) },
        { "s32", new V.S32(int.MinValue) },
        { "u32", new V.U32(uint.MaxValue) },
        { "s64", new V.S64(long.MinValue + 3) },
        { "u64", new V.U64(0xfedc_ba98_7654_3210) },
        { "f32", new V.F32(-1.5e-7f) },
        { "f64", new V.F64(Math.PI) },
        { "f64", new V.F64(double.NegativeInfinity) },
        { "char", new V.Char(new Rune(0x1F525)) },
        { "string", new V.String("") },
        { "string", new V.String("kiln: ünïcödé 🔥 text") },
        { "list", new V.List() },
        { "list", new V.List(new V.U32(1), new V.U32(0x8000_0000), new V.U32(3)) },
        { "record", new V.Record(("a", new V.U8(200)), ("b", new V.String("bee")), ("c", new V.F64(-2.25))) },
        { "tuple", new V.Tuple(new V.U32(7), new V.S64(-9_000_000_000), new V.String("t")) },
        { "variant", new V.Variant("none") },
        { "variant", new V.Variant("num", new V.U32(42)) },
        { "variant", new V.Variant("str", new V.String("payload")) },
        { "variant", new V.Variant("big", new V.U64(ulong.MaxValue - 1)) },
        { "enum", new V.Enum("green") },
        { "enum", new V.Enum("blue") },
        { "option", new V.Option(null) },
        { "option", new V.Option(new V.String("some text")) },
        { "result", new V.Result(true, new V.U32(5)) },
        { "result", new V.Result(false, new V.String("bad")) },
        { "unit-result", new V.Result(true) },
        { "unit-result", new V.Result(false) },
        { "flags", new V.Flags() },
        { "flags", new V.Flags("read", "exec") },
        { "flags", new V.Flags("read", "write", "exec") },
        { "nested", new V.List(
            new V.Tuple(new V.String("x"), new V.List(new V.U32(1), new V.U32(2)), new V.Option(new V.Result(true, new V.U8(9)))),
            new V.Tuple(new V.String(""), new V.List(), new V.Option(new V.Result(false, new V.String("e")))),
            new V.Tuple(new V.String("zz"), new V.List(new V.U32(3)), new V.Option(null))) },
    };

    /// <summary>Each value goes to Wasmtime, is lowered into the guest, lifted back from the guest's memory and
    /// returned: a wrong size, offset or kind number of wasmtime_component_val_t on either side changes it.</summary>
    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void ValueRoundTripsThroughTheGuest(string func, V value)
    {
        var f = instance.GetFunc(func)!;
        Assert.Equal(1, f.ParameterCount);
        Assert.True(f.HasResult);
        Assert.Equal(value, f.Call(value));
    }

    /// <summary>Reads of one part of a value, independent of the way back.</summary>
    [Fact]
    public void TheGuestSeesWhatWasPassed()
    {
        Assert.Equal(new V.U32(0xFFFF_FFFE), instance.GetFunc("sum")!.Call(new V.List(new V.U32(0xFFFF_FFFF), new V.U32(0xFFFF_FFFF))));
        Assert.Equal(new V.U32(2 + 3 + 4), instance.GetFunc("len")!.Call(new V.String("ä€🔥")));
        Assert.Equal(new V.F64(6.5), instance.GetFunc("record-c")!.Call(
            new V.Record(("a", new V.U8(1)), ("b", new V.String("ignored")), ("c", new V.F64(6.5)))));
        Assert.Equal(new V.U32(2), instance.GetFunc("variant-case")!.Call(new V.Variant("str", new V.String("s"))));
        Assert.Equal(new V.U32(3), instance.GetFunc("variant-case")!.Call(new V.Variant("big", new V.U64(1))));
    }

    [Fact]
    public void FunctionWithoutResultReturnsNull()
    {
        var f = instance.GetFunc("posts")!;
        Assert.Equal(0, f.ParameterCount);
        Assert.True(f.HasResult);
        Assert.False(instance.GetFunc("boom")!.HasResult);
    }

    /// <summary>50.0.1's wasmtime_component_func_call runs the guest's post-return itself; the explicit
    /// wasmtime_component_func_post_return is a no-op (deprecated in the headers) that must still succeed.</summary>
    [Fact]
    public void PostReturnRunsOncePerCallWithOrWithoutTheExplicitCall()
    {
        var s = instance.GetFunc("string")!;
        var posts = instance.GetFunc("posts")!;
        Assert.Equal(new V.U32(0), posts.Call());
        s.CallWithoutPostReturn(new V.String("a"));
        Assert.Equal(new V.U32(1), posts.CallWithoutPostReturn());
        s.CallWithoutPostReturn(new V.String("b")); // entering again without post_return is allowed
        s.Call(new V.String("c"));
        s.PostReturn();
        Assert.Equal(new V.U32(3), posts.Call());
    }

    [Fact]
    public void GuestTrapIsATrapWithABacktrace()
    {
        var e = Assert.Throws<WasmtimeTrapException>(() => instance.GetFunc("boom")!.Call());
        Assert.NotEmpty(e.Frames);
        Assert.Equal(WasmtimeTrapCode.UnreachableCodeReached, e.Code);
        Assert.Contains("unreachable", e.Message);
    }

    [Fact]
    public void ArgumentOfTheWrongTypeIsAnErrorNotATrap()
    {
        var e = Assert.Throws<WasmtimeException>(() => instance.GetFunc("u32")!.Call(new V.String("not a number")));
        Assert.IsNotType<WasmtimeTrapException>(e);
        // Wasmtime 50.0.1 leaves the store's component instances unenterable after such an error, as after a
        // trap: this instance and any other one of the store.
        var after = Assert.Throws<WasmtimeTrapException>(() => instance.GetFunc("u32")!.Call(new V.U32(1)));
        Assert.Equal(WasmtimeTrapCode.CannotEnterComponent, after.Code);
        using var linker = new WasmtimeComponentLinker(engine);
        var sameStore = Assert.Throws<WasmtimeTrapException>(() => linker.Instantiate(store, echo).GetFunc("u32")!.Call(new V.U32(1)));
        Assert.Equal(WasmtimeTrapCode.CannotEnterComponent, sameStore.Code);
        using var freshStore = new WasmtimeStore(engine);
        var fresh = linker.Instantiate(freshStore, echo);
        Assert.Equal(new V.U32(1), fresh.GetFunc("u32")!.Call(new V.U32(1)));
        var missing = Assert.Throws<WasmtimeException>(() => fresh.GetFunc("enum")!.Call(new V.Enum("purple")));
        Assert.IsNotType<WasmtimeTrapException>(missing);
    }

    [Fact]
    public void UnknownExportIsNull()
    {
        Assert.Null(instance.GetFunc("no-such-func"));
        Assert.Null(instance.GetFunc("string", "deeper"));
    }

    [Fact]
    public void ValidationOracleAcceptsAndExplains()
    {
        Assert.Null(WasmtimeComponent.Validate(engine, WasmtimeWat.ToWasm(ComponentTexts.Echo)));
        // A lift whose core function has the wrong type: valid text, invalid component.
        byte[] bad = WasmtimeWat.ToWasm("""
            (component
              (core module $m (func (export "f") (param i64) (result i64) local.get 0))
              (core instance $i (instantiate $m))
              (func (export "f") (param "x" u32) (result u32) (canon lift (core func $i "f"))))
            """);
        string? message = WasmtimeComponent.Validate(engine, bad);
        Assert.False(string.IsNullOrEmpty(message));
        Assert.Throws<WasmtimeException>(() => WasmtimeComponent.Compile(engine, bad));
        // A core module is not a component.
        Assert.NotNull(WasmtimeComponent.Validate(engine, WasmtimeWat.ToWasm("(module)")));
    }

    [Fact]
    public void SerializedComponentDeserializesAndRuns()
    {
        byte[] bytes = echo.Serialize();
        Assert.Equal("\u007fELF"u8.ToArray(), bytes[..4]);
        using var again = WasmtimeComponent.Deserialize(engine, bytes);
        using var linker = new WasmtimeComponentLinker(engine);
        var i = linker.Instantiate(store, again);
        Assert.Equal(new V.String("again"), i.GetFunc("string")!.Call(new V.String("again")));
    }

    [Fact]
    public void HostFunctionsInANestedInstanceAreCalledWithLiftedValues()
    {
        using var host = WasmtimeComponent.Compile(engine, WasmtimeWat.ToWasm(ComponentTexts.Host));
        using var linker = new WasmtimeComponentLinker(engine);
        var seen = new List<string>();
        linker.AddFunc(["host"], "add", args =>
        {
            seen.Add($"add{args[0]},{args[1]}");
            return [new V.U32(((V.U32)args[0]).Value + ((V.U32)args[1]).Value)];
        });
        linker.AddFunc(["host"], "echo", args => [new V.String("host saw " + ((V.String)args[0]).Value)]);
        linker.AddFunc(["host"], "swap", args =>
        {
            var r = (V.Record)args[0];
            var name = ((V.String)r.Fields[0].Value).Value;
            var n = ((V.U32)r.Fields[1].Value).Value;
            return [new V.Record(("name", new V.String(new string(name.Reverse().ToArray()))), ("n", new V.U32(n * 2)))];
        });
        var i = linker.Instantiate(store, host);
        Assert.Equal(new V.U32(0xFFFF_FFFF), i.GetFunc("call-add")!.Call(new V.U32(0xFFFF_FFF0), new V.U32(0xF)));
        Assert.Equal(["add4294967280,15"], seen);
        Assert.Equal(new V.String("host saw ünï"), i.GetFunc("call-echo")!.Call(new V.String("ünï")));
        Assert.Equal(new V.Record(("name", new V.String("cba")), ("n", new V.U32(42))),
            i.GetFunc("call-swap")!.Call(new V.Record(("name", new V.String("abc")), ("n", new V.U32(21)))));
    }

    [Fact]
    public void HostFunctionFailureTrapsTheGuestWithItsMessage()
    {
        using var host = WasmtimeComponent.Compile(engine, WasmtimeWat.ToWasm(ComponentTexts.Host));
        using var linker = new WasmtimeComponentLinker(engine);
        linker.AddFunc(["host"], "add", _ => throw new InvalidOperationException("host refuses"));
        linker.AddFunc(["host"], "echo", _ => [new V.U32(1)]); // wrong type for string
        linker.AddFunc(["host"], "swap", _ => []); // wrong count
        var i = linker.Instantiate(store, host);
        var e = Assert.Throws<WasmtimeTrapException>(() => i.GetFunc("call-add")!.Call(new V.U32(1), new V.U32(2)));
        Assert.Contains("host refuses", e.Message);
        Assert.Null(e.Code); // an error from the host, not one of Wasmtime's traps
        // A trap leaves the instance unenterable: Wasmtime's CannotEnterComponent trap, before any wasm runs.
        var poisoned = Assert.Throws<WasmtimeTrapException>(() => i.GetFunc("call-add")!.Call(new V.U32(1), new V.U32(2)));
        Assert.Equal(WasmtimeTrapCode.CannotEnterComponent, poisoned.Code);
        // A result of the wrong type or count: Wasmtime refuses it inside the guest's call.
        using var s2 = new WasmtimeStore(engine);
        var wrongType = Assert.Throws<WasmtimeTrapException>(() => linker.Instantiate(s2, host).GetFunc("call-echo")!.Call(new V.String("x")));
        Assert.NotEqual(WasmtimeTrapCode.CannotEnterComponent, wrongType.Code);
        using var s3 = new WasmtimeStore(engine);
        var wrongCount = Assert.Throws<WasmtimeTrapException>(() => linker.Instantiate(s3, host).GetFunc("call-swap")!.Call(
            new V.Record(("name", new V.String("a")), ("n", new V.U32(1)))));
        Assert.Contains("returned 0 values", wrongCount.Message);
    }

    [Fact]
    public void MissingHostImportIsAnError()
    {
        using var host = WasmtimeComponent.Compile(engine, WasmtimeWat.ToWasm(ComponentTexts.Host));
        using var linker = new WasmtimeComponentLinker(engine);
        var e = Assert.Throws<WasmtimeException>(() => linker.Instantiate(store, host));
        Assert.IsNotType<WasmtimeTrapException>(e);
    }

    [Fact]
    public void Wasip2ProvidesArgumentsAndExit()
    {
        using var component = WasmtimeComponent.Compile(engine, WasmtimeWat.ToWasm(ComponentTexts.Wasip2));
        using var linker = new WasmtimeComponentLinker(engine);
        linker.AddWasip2();
        using var s = new WasmtimeStore(engine);
        var wasi = new WasiConfiguration();
        wasi.Args.AddRange(["prog", "one", "two", "three"]);
        s.SetWasi(wasi);
        var i = linker.Instantiate(s, component);
        Assert.Equal(new V.U32(4), i.GetFunc("argc")!.Call());
        var failed = Assert.Throws<WasmtimeExitException>(() => i.GetFunc("quit")!.Call(new V.Bool(true)));
        Assert.Equal(1, failed.ExitCode);
    }

    [Fact]
    public void Wasip2ExitOkIsExitCodeZero()
    {
        using var component = WasmtimeComponent.Compile(engine, WasmtimeWat.ToWasm(ComponentTexts.Wasip2));
        using var linker = new WasmtimeComponentLinker(engine);
        linker.AddWasip2();
        using var s = new WasmtimeStore(engine);
        s.SetWasi(new WasiConfiguration());
        var e = Assert.Throws<WasmtimeExitException>(() => linker.Instantiate(s, component).GetFunc("quit")!.Call(new V.Bool(false)));
        Assert.Equal(0, e.ExitCode);
    }

    [Fact]
    public void WithoutWasip2TheWasiImportsAreUnsatisfied()
    {
        using var component = WasmtimeComponent.Compile(engine, WasmtimeWat.ToWasm(ComponentTexts.Wasip2));
        using var linker = new WasmtimeComponentLinker(engine);
        var e = Assert.Throws<WasmtimeException>(() => linker.Instantiate(store, component));
        Assert.Contains("wasi:cli/environment", e.Message);
    }
}
