namespace Kiln.Reference.Tests;

public sealed class EngineConfigTests
{
    private const string Loop = """
        (module
          (func (export "count") (param i32) (result i32) (local i32)
            (block $done
              (loop $l
                (br_if $done (i32.eqz (local.get 0)))
                (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                (br $l)))
            (local.get 1))
          (func (export "spin") (loop $l (br $l))))
        """;

    private static (WasmtimeStore, WasmtimeInstance) Instantiate(WasmtimeEngine engine, string wat)
    {
        var store = new WasmtimeStore(engine);
        using var linker = new WasmtimeLinker(engine);
        using var module = WasmtimeModule.Compile(engine, WasmtimeWat.ToWasm(wat));
        return (store, linker.Instantiate(store, module));
    }

    [Fact]
    public void FuelIsConsumedAndRunningOutTraps()
    {
        using var engine = new WasmtimeEngine(new WasmtimeConfig { ConsumeFuel = true });
        var (store, instance) = Instantiate(engine, Loop);
        using var _ = store;
        Assert.Equal(0ul, store.Fuel);
        store.Fuel = 1_000_000;
        Assert.Equal(1_000_000ul, store.Fuel);
        Assert.Equal(100, instance.GetFunc("count")!.Call(WasmValue.FromI32(100))[0].I32);
        ulong afterHundred = store.Fuel;
        Assert.InRange(afterHundred, 1ul, 1_000_000ul - 100);
        instance.GetFunc("count")!.Call(WasmValue.FromI32(1000));
        Assert.True(1_000_000 - store.Fuel > 5 * (1_000_000 - afterHundred), "ten times the iterations cost more fuel");
        store.Fuel = 50;
        var e = Assert.Throws<WasmtimeTrapException>(() => instance.GetFunc("count")!.Call(WasmValue.FromI32(1000)));
        Assert.Equal(WasmtimeTrapCode.OutOfFuel, e.Code);
    }

    [Fact]
    public void FuelWithoutConsumeFuelIsAnError()
    {
        using var engine = new WasmtimeEngine();
        using var store = new WasmtimeStore(engine);
        var e = Assert.Throws<WasmtimeException>(() => store.Fuel = 10);
        Assert.IsNotType<WasmtimeTrapException>(e);
    }

    [Fact]
    public void EpochDeadlineInterruptsAnInfiniteLoop()
    {
        using var engine = new WasmtimeEngine(new WasmtimeConfig { EpochInterruption = true });
        var (store, instance) = Instantiate(engine, Loop);
        using var _ = store;
        store.SetEpochDeadline(1);
        Assert.Equal(10, instance.GetFunc("count")!.Call(WasmValue.FromI32(10))[0].I32);
        engine.IncrementEpoch();
        // The deadline is reached: the next epoch check (loop header or function entry) traps.
        var e = Assert.Throws<WasmtimeTrapException>(() => instance.GetFunc("spin")!.Call());
        Assert.Equal(WasmtimeTrapCode.Interrupt, e.Code);
    }

    [Fact]
    public void EpochIncrementFromAnotherThreadStopsASpinningGuest()
    {
        using var engine = new WasmtimeEngine(new WasmtimeConfig { EpochInterruption = true });
        var (store, instance) = Instantiate(engine, Loop);
        using var _ = store;
        store.SetEpochDeadline(1);
        using var ticker = new Timer(_ => engine.IncrementEpoch(), null, 50, 50);
        var e = Assert.Throws<WasmtimeTrapException>(() => instance.GetFunc("spin")!.Call());
        Assert.Equal(WasmtimeTrapCode.Interrupt, e.Code);
    }

    [Fact]
    public void TargetSetCompilesForPulleyWhichTheHostEngineRefusesToLoad()
    {
        using var pulley = new WasmtimeEngine(new WasmtimeConfig { Target = "pulley64" });
        using var module = WasmtimeModule.Compile(pulley, WasmtimeWat.ToWasm(Loop));
        byte[] elf = module.Serialize();
        Assert.Equal("\u007fELF"u8.ToArray(), elf[..4]);
        Assert.NotEqual(62, BitConverter.ToUInt16(elf, 18)); // not EM_X86_64
        using var host = new WasmtimeEngine();
        Assert.Throws<WasmtimeException>(() => WasmtimeModule.Deserialize(host, elf));
    }

    /// <summary>The package's linux-x64 library has no AArch64 backend: Wasmtime would abort the process, the
    /// binding refuses first.</summary>
    [Fact]
    public void TargetWithoutABackendInTheLibraryIsRefusedNotFatal()
    {
        var e = Assert.Throws<WasmtimeException>(() => new WasmtimeEngine(new WasmtimeConfig { Target = "aarch64-unknown-linux-gnu" }));
        Assert.Contains("aarch64", e.Message);
    }

    [Fact]
    public void UnknownTargetIsAnErrorWithWasmtimesMessage()
    {
        var e = Assert.Throws<WasmtimeException>(() => new WasmtimeEngine(new WasmtimeConfig { Target = "no-such-cpu-anywhere" }));
        Assert.Contains("no-such-cpu-anywhere", e.Message);
    }

    [Fact]
    public void OptLevelChangesTheGeneratedCode()
    {
        const string foldable = """
            (module (func (export "f") (param i32) (result i32)
              (i32.add (i32.mul (local.get 0) (i32.const 8)) (i32.add (i32.const 3) (i32.const 4)))))
            """;
        byte[] Compile(WasmtimeOptLevel level)
        {
            using var engine = new WasmtimeEngine(new WasmtimeConfig { OptLevel = level });
            using var module = WasmtimeModule.Compile(engine, WasmtimeWat.ToWasm(foldable));
            var (store, instance) = Instantiate(engine, foldable);
            using var _ = store;
            Assert.Equal(5 * 8 + 7, instance.GetFunc("f")!.Call(WasmValue.FromI32(5))[0].I32);
            return module.Serialize();
        }
        Assert.NotEqual(Compile(WasmtimeOptLevel.None), Compile(WasmtimeOptLevel.Speed));
    }

    [Fact]
    public void ArtifactOfAnotherConfigurationIsRefused()
    {
        using var fuel = new WasmtimeEngine(new WasmtimeConfig { ConsumeFuel = true });
        using var plain = new WasmtimeEngine();
        using var module = WasmtimeModule.Compile(fuel, WasmtimeWat.ToWasm(Loop));
        Assert.Throws<WasmtimeException>(() => WasmtimeModule.Deserialize(plain, module.Serialize()));
    }
}
