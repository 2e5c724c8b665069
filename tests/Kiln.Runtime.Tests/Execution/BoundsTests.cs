using Kiln.Compiler.Artifacts;
using Kiln.Wasm.Model;

namespace Kiln.Runtime.Tests.Execution;

/// <summary>
/// Bounding a guest as Wasmtime does: fuel (one unit per operator, checked at function entries and loop
/// headers), epoch interruption, a resource limiter on growth, the wasm stack size, the backtrace cap, and
/// artifacts that remember which checks they carry.
/// </summary>
public sealed class BoundsTests
{
    private const string Loops = """
        (module
          (import "host" "fuel" (func $fuel (result i64)))
          (memory (export "memory") 1)
          (table 1 funcref)
          ;; 3 operators that cost: i32.const, i32.const, i32.add (end costs nothing).
          (func (export "three") (result i32) i32.const 1 i32.const 2 i32.add)
          ;; Counts to n: 8 charged operators per iteration.
          (func (export "count") (param i32) (result i32) (local i32)
            (loop $l
              (local.set 1 (i32.add (local.get 1) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get 1) (local.get 0))))
            (local.get 1))
          (func (export "forever") (loop $l (br $l)))
          ;; The host's view of the fuel inside a call: i64.const 5, drop (free), call.
          (func (export "fuel-at-call") (result i64) (drop (i64.const 5)) (call $fuel))
          (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
          (func (export "grow-table") (param i32) (result i32) (table.grow (ref.null func) (local.get 0))))
        """;

    private static (Store Store, Instance Instance) Instantiate(EngineConfig config)
    {
        var engine = new Engine(config);
        var store = new Store(engine);
        var linker = new Linker(engine);
        linker.Define("host", "fuel", HostFuncFactory.Wrap(store, () => (long)store.Fuel));
        return (store, linker.Instantiate(store, Wat.Compile(engine, Loops)));
    }

    private static Trap TrapOf(Action call) => Assert.Throws<Trap>(call);

    [Fact]
    public void Fuel_is_charged_one_unit_per_operator()
    {
        var (store, instance) = Instantiate(new EngineConfig { ConsumeFuel = true });
        store.Fuel = 100;
        Assert.Equal(3, instance.GetFunc("three")!.AsFunc<int>()());
        Assert.Equal(97UL, store.Fuel);
    }

    [Fact]
    public void A_new_store_has_no_fuel_and_traps_at_the_first_call()
    {
        var (store, instance) = Instantiate(new EngineConfig { ConsumeFuel = true });
        Assert.Equal(0UL, store.Fuel);
        var trap = TrapOf(() => instance.GetFunc("three")!.Call());
        Assert.Equal(TrapCode.OutOfFuel, trap.Code);
        Assert.Equal("all fuel consumed by WebAssembly", trap.Message);
    }

    [Fact]
    public void A_loop_stops_when_its_fuel_is_spent_and_runs_with_enough()
    {
        var (store, instance) = Instantiate(new EngineConfig { ConsumeFuel = true });
        var count = instance.GetFunc("count")!.AsFunc<int, int>();
        store.Fuel = 1000;
        Assert.Equal(TrapCode.OutOfFuel, TrapOf(() => count(1000)).Code);
        store.Fuel = 100_000;
        Assert.Equal(1000, count(1000));
        // 1000 iterations of 8 operators, then local.get at the end.
        Assert.Equal(100_000UL - 8001, store.Fuel);
    }

    [Fact]
    public void A_host_function_sees_the_fuel_spent_up_to_its_call()
    {
        var (store, instance) = Instantiate(new EngineConfig { ConsumeFuel = true });
        store.Fuel = 50;
        // i64.const and call cost one each; drop is free.
        Assert.Equal(48L, instance.GetFunc("fuel-at-call")!.AsFunc<long>()());
    }

    [Fact]
    public void Fuel_and_epochs_are_refused_on_an_engine_without_them()
    {
        var store = new Store(new Engine());
        Assert.Throws<InvalidOperationException>(() => store.Fuel = 1);
        Assert.Throws<InvalidOperationException>(() => store.SetEpochDeadline(1));
    }

    [Fact]
    public void An_epoch_deadline_interrupts_an_infinite_loop_from_another_thread()
    {
        var (store, instance) = Instantiate(new EngineConfig { EpochInterruption = true });
        store.SetEpochDeadline(1);
        var engine = store.Engine;
        using var timer = new Timer(_ => engine.IncrementEpoch(), null, 50, Timeout.Infinite);
        var trap = TrapOf(() => instance.GetFunc("forever")!.Call());
        Assert.Equal(TrapCode.Interrupt, trap.Code);
        Assert.Equal("interrupt", trap.Message);
    }

    [Fact]
    public void The_deadline_counts_ticks_from_the_current_epoch()
    {
        var (store, instance) = Instantiate(new EngineConfig { EpochInterruption = true });
        var three = instance.GetFunc("three")!.AsFunc<int>();
        // Deadline 0 (a new store) is already reached, as in Wasmtime.
        Assert.Equal(TrapCode.Interrupt, TrapOf(() => three()).Code);
        store.SetEpochDeadline(2);
        store.Engine.IncrementEpoch();
        Assert.Equal(3, three());
        store.Engine.IncrementEpoch();
        Assert.Equal(TrapCode.Interrupt, TrapOf(() => three()).Code);
    }

    private sealed class CountingLimiter(ulong maxBytes, uint maxElements) : IResourceLimiter
    {
        public List<(ulong, ulong)> MemoryRequests { get; } = [];

        public bool MemoryGrowing(ulong currentBytes, ulong desiredBytes, ulong? maximumBytes)
        {
            MemoryRequests.Add((currentBytes, desiredBytes));
            return desiredBytes <= maxBytes;
        }

        public bool TableGrowing(uint currentElements, uint desiredElements, uint? maximumElements) => desiredElements <= maxElements;
    }

    [Fact]
    public void A_resource_limiter_decides_each_growth()
    {
        var (store, instance) = Instantiate(new EngineConfig());
        var limiter = new CountingLimiter(3 * 65536, 4);
        store.Limiter = limiter;
        var grow = instance.GetFunc("grow")!.AsFunc<int, int>();
        var growTable = instance.GetFunc("grow-table")!.AsFunc<int, int>();
        Assert.Equal(1, grow(2));
        Assert.Equal(-1, grow(1));
        Assert.Equal([(65536UL, 3 * 65536UL), (3 * 65536UL, 4 * 65536UL)], limiter.MemoryRequests);
        Assert.Equal(1, growTable(3));
        Assert.Equal(-1, growTable(1));
        Assert.False(((Memory)instance.GetExport("memory")!).TryGrow(1, out _));
    }

    [Fact]
    public void The_wasm_stack_size_is_configurable()
    {
        const string Recurse = "(module (func $r (export \"r\") (param i32) (result i32) (if (result i32) (local.get 0) (then (i32.add (call $r (i32.sub (local.get 0) (i32.const 1))) (i32.const 1))) (else (i32.const 0)))))";
        var small = new Engine(new EngineConfig { MaxWasmStack = 16 * 1024 });
        var large = new Engine(new EngineConfig { MaxWasmStack = 1024 * 1024 });
        var rSmall = Instance.Create(new Store(small), Wat.Compile(small, Recurse), []).GetFunc("r")!.AsFunc<int, int>();
        var rLarge = Instance.Create(new Store(large), Wat.Compile(large, Recurse), []).GetFunc("r")!.AsFunc<int, int>();
        Assert.Equal(2000, rLarge(2000));
        Assert.Equal(TrapCode.StackOverflow, TrapOf(() => rSmall(2000)).Code);
    }

    [Fact]
    public void A_backtrace_keeps_twenty_frames_by_default_and_counts_the_rest()
    {
        const string Recurse = "(module (func $r (export \"r\") (call $r)))";
        var engine = new Engine();
        var trap = TrapOf(() => Instance.Create(new Store(engine), Wat.Compile(engine, Recurse), []).GetFunc("r")!.Call());
        Assert.Equal(TrapCode.StackOverflow, trap.Code);
        Assert.Equal(20, trap.Backtrace.Count);
        Assert.True(trap.BacktraceDepth > 1000, $"{trap.BacktraceDepth} frames counted");
        Assert.Contains($"... {trap.BacktraceDepth - 20} more frames", trap.BacktraceText);

        var five = new Engine(new EngineConfig { WasmBacktraceMaxFrames = 5 });
        var trap5 = TrapOf(() => Instance.Create(new Store(five), Wat.Compile(five, Recurse), []).GetFunc("r")!.Call());
        Assert.Equal(5, trap5.Backtrace.Count);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void An_artifact_records_its_checks_and_refuses_an_engine_with_other_ones(bool fuel, bool epochs)
    {
        var maker = new Engine(new EngineConfig { ConsumeFuel = fuel, EpochInterruption = epochs });
        byte[] artifact = Wat.Compile(maker, "(module (func (export \"f\") (result i32) i32.const 7))").Serialize();

        var same = new Engine(new EngineConfig { ConsumeFuel = fuel, EpochInterruption = epochs });
        var store = new Store(same);
        if (fuel) store.Fuel = 10;
        if (epochs) store.SetEpochDeadline(1);
        Assert.Equal(7, Instance.Create(store, Module.Deserialize(same, artifact), []).GetFunc("f")!.AsFunc<int>()());

        var other = new Engine(new EngineConfig { ConsumeFuel = !fuel, EpochInterruption = epochs });
        var e = Assert.Throws<ArtifactException>(() => Module.Deserialize(other, artifact));
        Assert.Equal(ArtifactErrorKind.Features, e.Kind);
        Assert.Contains("fuel", e.Message);
    }
}
