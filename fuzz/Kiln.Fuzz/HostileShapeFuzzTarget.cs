using Kiln.Compiler.Driver;
using Kiln.HostileShapes;
using Kiln.Runtime;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Validation;

namespace Kiln.Fuzz;

/// <summary>
/// The compiler's scaling (issue 17): each case generates one of the <see cref="HostileShape"/>s at a random size
/// (log-uniform up to a twentieth of the size the issue lists, so a case stays cheap) and, half of the time, damages a
/// few of its bytes. The result is decoded, validated, compiled under a budget (<see cref="EngineConfig.CompileTimeout"/>,
/// <see cref="EngineConfig.MaxCompileMemory"/>) on one thread, and its <c>run</c> export called with fuel. Allowed:
/// typed decode/validation/limit errors, a finished compile, a return or a trap. A failure: any other exception,
/// running out of the compile budget (these sizes compile in far less), or allocating more than
/// <see cref="BytesPerInputByte"/> per input byte (a compiler that is not linear in its input).
/// </summary>
public sealed class HostileShapeFuzzTarget : IMutatingFuzzTarget
{
    /// <summary>The allocation a linear compile stays under, per byte of module (the worst shape measured takes ~3,300,
    /// many small functions) plus <see cref="BaseBytes"/>.</summary>
    public const long BytesPerInputByte = 8_000;
    public const long BaseBytes = 16L << 20;

    private readonly Engine _engine = new(new EngineConfig
    {
        ConsumeFuel = true,
        CompilationThreads = 1,
        CompileTimeout = TimeSpan.FromSeconds(30),
        MaxCompileMemory = 1L << 30,
    });

    /// <summary>One seed per shape, at a small size; cases regenerate the shape at their own size.</summary>
    public List<byte[]> BuildSeeds()
    {
        var seeds = new List<byte[]>();
        foreach (var s in ShapeInfo.All) seeds.Add(ShapeGenerator.Generate(s.Shape, 8));
        return seeds;
    }

    public bool IsValid(byte[] input)
    {
        try
        {
            ModuleValidator.Validate(ModuleDecoder.Decode(input));
            return true;
        }
        catch (Exception e) when (e is WasmDecodeException or WasmValidationException or ImplementationLimitException)
        {
            return false;
        }
    }

    public byte[] Mutate(Random rng, byte[] seed)
    {
        var info = ShapeInfo.All[rng.Next(ShapeInfo.All.Length)];
        int max = Math.Max(2, info.ListedSize / 20);
        int size = (int)Math.Round(Math.Exp(rng.NextDouble() * Math.Log(max)));
        var module = ShapeGenerator.Generate(info.Shape, Math.Clamp(size, 1, max));
        if (rng.Next(2) == 0)
        {
            for (int k = 1 + rng.Next(4); k > 0; k--)
            {
                int at = 8 + rng.Next(module.Length - 8);
                module[at] = rng.Next(3) switch { 0 => (byte)rng.Next(256), 1 => (byte)(module[at] ^ (1 << rng.Next(8))), _ => 0xFF };
            }
        }
        return module;
    }

    public (string? Kind, string? Detail) Run(byte[] input, FuzzResult result)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        Module module;
        try
        {
            var decoded = ModuleDecoder.Decode(input);
            lock (result) result.Decoded++;
            module = Module.Compile(_engine, decoded);
        }
        catch (WasmDecodeException)
        {
            lock (result) result.DecodeErrors++;
            return (null, null);
        }
        catch (Exception e) when (e is WasmValidationException or ImplementationLimitException)
        {
            lock (result) result.ValidationErrors++;
            return (null, null);
        }
        catch (CompileBudgetExceededException e)
        {
            return ("compile budget", $"{e.Message} for {input.Length} input bytes");
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        using var code = module;
        lock (result) result.Valid++;
        if (allocated > BaseBytes + BytesPerInputByte * input.Length)
            return ("superlinear", $"{allocated >> 10} KiB allocated to compile {input.Length} bytes");

        using var store = new Store(_engine) { Fuel = 1_000_000 };
        using var linker = new Linker(_engine);
        try
        {
            var instance = linker.Instantiate(store, module);
            // A damaged module may have lost or retyped its export: then there is nothing to call.
            if (instance.GetFunc("run") is { } run && run.Type.Params.Length == 1 && run.Type.Results.Length == 1
                && run.Type.Params[0] == Kiln.Wasm.Model.ValType.I32)
            {
                run.Call(7);
                lock (result) result.Returns++;
            }
        }
        catch (Trap)
        {
            lock (result) result.Traps++; // also what a damaged data segment out of bounds gives at instantiation
        }
        catch (Exception e) when (e is LinkException or ResourceLimitException)
        {
            lock (result) result.ValidationErrors++; // a damaged module that imports something, or asks too much memory
        }
        return (null, null);
    }
}
