using System.Text;

namespace Kiln.Reference.Tests;

public sealed class CoreModuleTests : IDisposable
{
    private const string Wat = """
        (module
          (import "host" "combine" (func $combine (param i32 i64 f32 f64) (result f64)))
          (func (export "same") (param i32 i64 f32 f64) (result i32 i64 f32 f64)
            local.get 0 local.get 1 local.get 2 local.get 3)
          (func (export "reversed") (param i32 i64 f32 f64) (result f64 f32 i64 i32)
            local.get 3 local.get 2 local.get 1 local.get 0)
          (func (export "call-host") (param i32 i64 f32 f64) (result f64)
            (call $combine (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
          (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
          (func $boom (export "boom") unreachable)
          (func $nested (export "nested") call $boom))
        """;

    private readonly WasmtimeEngine engine = new();
    private readonly WasmtimeStore store;
    private readonly WasmtimeLinker linker;
    private readonly WasmtimeModule module;

    public CoreModuleTests()
    {
        store = new WasmtimeStore(engine);
        linker = new WasmtimeLinker(engine);
        linker.DefineFunc("host", "combine",
            [WasmValueKind.I32, WasmValueKind.I64, WasmValueKind.F32, WasmValueKind.F64], [WasmValueKind.F64],
            (args, results) => results[0] = WasmValue.FromF64(args[0].I32 * 1000.0 + args[1].I64 * 100.0 + args[2].F32 * 10.0 + args[3].F64));
        module = WasmtimeModule.Compile(engine, WasmtimeWat.ToWasm(Wat));
    }

    public void Dispose()
    {
        module.Dispose();
        linker.Dispose();
        store.Dispose();
        engine.Dispose();
    }

    private static readonly WasmValue[] Args =
        [WasmValue.FromI32(-7), WasmValue.FromI64(0x1234_5678_9abc_def0), WasmValue.FromF32(2.5f), WasmValue.FromF64(-0.125)];

    [Fact]
    public void Wat2WasmGivesABinaryModule()
    {
        byte[] wasm = WasmtimeWat.ToWasm("(module (func (export \"f\")))");
        Assert.Equal(new byte[] { 0, (byte)'a', (byte)'s', (byte)'m', 1, 0, 0, 0 }, wasm[..8]);
    }

    [Fact]
    public void Wat2WasmErrorCarriesTheParsersMessage()
    {
        var e = Assert.Throws<WasmtimeException>(() => WasmtimeWat.ToWasm("(module (func (i32.nope)))"));
        Assert.IsNotType<WasmtimeTrapException>(e);
        Assert.Contains("i32.nope", e.Message);
    }

    [Fact]
    public void ValidateAcceptsValidAndExplainsInvalid()
    {
        Assert.Null(WasmtimeModule.Validate(engine, WasmtimeWat.ToWasm(Wat)));
        // i32.add with one operand: a type error at validation.
        byte[] bad = WasmtimeWat.ToWasm("(module (func (result i32) i32.const 1 i32.add))");
        string? message = WasmtimeModule.Validate(engine, bad);
        Assert.False(string.IsNullOrEmpty(message));
        Assert.Throws<WasmtimeException>(() => WasmtimeModule.Compile(engine, bad));
    }

    /// <summary>Four results of four types: a wasmtime_val_t of the wrong size would shift results 1..3.</summary>
    [Fact]
    public void MultipleResultsOfEveryNumberTypeComeBackInOrder()
    {
        var f = linker.Instantiate(store, module).GetFunc("same")!;
        Assert.Equal([WasmValueKind.I32, WasmValueKind.I64, WasmValueKind.F32, WasmValueKind.F64], f.Results);
        Assert.Equal(Args, f.Call(Args));
        var r = linker.Instantiate(store, module).GetFunc("reversed")!.Call(Args);
        Assert.Equal(Args.Reverse(), r);
    }

    [Fact]
    public void HostFunctionReceivesEveryArgumentAndReturnsItsResult()
    {
        var r = linker.Instantiate(store, module).GetFunc("call-host")!.Call(Args);
        Assert.Equal(-7 * 1000.0 + 0x1234_5678_9abc_def0 * 100.0 + 25.0 - 0.125, r[0].F64);
    }

    [Fact]
    public void HostFunctionExceptionBecomesATrapWithItsMessage()
    {
        using var l = new WasmtimeLinker(engine);
        l.DefineFunc("host", "combine", [WasmValueKind.I32, WasmValueKind.I64, WasmValueKind.F32, WasmValueKind.F64],
            [WasmValueKind.F64], (_, _) => throw new InvalidOperationException("no combining today"));
        var e = Assert.Throws<WasmtimeTrapException>(() => l.Instantiate(store, module).GetFunc("call-host")!.Call(Args));
        Assert.Contains("no combining today", e.Message);
    }

    [Fact]
    public void TrapsCarryTheirCodeAndBacktrace()
    {
        var instance = linker.Instantiate(store, module);
        Assert.Equal(3, instance.GetFunc("div")!.Call(WasmValue.FromI32(7), WasmValue.FromI32(2))[0].I32);
        var div = Assert.Throws<WasmtimeTrapException>(() => instance.GetFunc("div")!.Call(WasmValue.FromI32(7), WasmValue.FromI32(0)));
        Assert.Equal(WasmtimeTrapCode.IntegerDivisionByZero, div.Code);
        var boom = Assert.Throws<WasmtimeTrapException>(() => instance.GetFunc("nested")!.Call());
        Assert.Equal(WasmtimeTrapCode.UnreachableCodeReached, boom.Code);
        Assert.Equal(["boom", "nested"], boom.Frames.Take(2).Select(f => f.FunctionName));
        Assert.Equal([5u, 6u], boom.Frames.Take(2).Select(f => f.FunctionIndex));
    }

    [Fact]
    public void WrongArgumentsAreAnErrorNotATrap()
    {
        var f = linker.Instantiate(store, module).GetFunc("div")!;
        var e = Assert.Throws<WasmtimeException>(() => f.Call(WasmValue.FromI64(1), WasmValue.FromI32(1)));
        Assert.IsNotType<WasmtimeTrapException>(e);
    }

    [Fact]
    public void MissingImportIsAnError()
    {
        using var empty = new WasmtimeLinker(engine);
        var e = Assert.Throws<WasmtimeException>(() => empty.Instantiate(store, module));
        Assert.IsNotType<WasmtimeTrapException>(e);
        Assert.Contains("combine", e.Message);
    }

    [Fact]
    public void MissingExportIsNull()
    {
        Assert.Null(linker.Instantiate(store, module).GetFunc("no-such-export"));
    }

    [Fact]
    public void SerializedModuleIsAnX64ElfThatDeserializesAndRuns()
    {
        byte[] elf = module.Serialize();
        Assert.Equal("\u007fELF"u8.ToArray(), elf[..4]);
        Assert.Equal(62, BitConverter.ToUInt16(elf, 18)); // e_machine EM_X86_64
        using var again = WasmtimeModule.Deserialize(engine, elf);
        Assert.Equal(3, linker.Instantiate(store, again).GetFunc("div")!.Call(WasmValue.FromI32(9), WasmValue.FromI32(3))[0].I32);
    }

    [Fact]
    public void DeserializeRefusesBytesThatAreNotAnArtifact()
    {
        Assert.Throws<WasmtimeException>(() => WasmtimeModule.Deserialize(engine, Encoding.ASCII.GetBytes("not an artifact at all")));
    }
}
