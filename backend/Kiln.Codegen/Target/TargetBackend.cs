using Kiln.IR;

namespace Kiln.Codegen;

/// <summary>
/// The compile pipeline every target shares, for a target whose machine instructions are <typeparamref name="TInst"/>:
/// instruction selection (<see cref="Lower"/>), register allocation over <see cref="TargetIsa.MachineEnv"/>, emission
/// (<see cref="CreateEmitter"/>), and the VCode printing golden tests pin (<see cref="InstFormatter"/>).
/// </summary>
public abstract class TargetBackend<TInst> : TargetIsa
{
    /// <summary>Instruction selection using at most <paramref name="features"/>.</summary>
    public abstract LoweredFunction<TInst> Lower(Function f, CpuFeatures features);

    /// <summary>The target's emitter for one lowered and allocated function.</summary>
    protected abstract EmitterBase<TInst> CreateEmitter(LoweredFunction<TInst> lowered, RegAllocResult alloc, CpuFeatures features);

    /// <summary>How VCode of this target prints.</summary>
    public abstract IInstFormatter<TInst> InstFormatter { get; }

    public sealed override CompiledFunction Compile(Function f, CpuFeatures features)
    {
        var lowered = Lower(f, features);
        var ra = RegAllocator.Allocate(lowered.Code, MachineEnv);
        return CreateEmitter(lowered, ra, features).Run(f.Name);
    }

    public sealed override string PrintVCode(Function f, CpuFeatures features, bool allocated)
    {
        var lowered = Lower(f, features);
        var ra = allocated ? RegAllocator.Allocate(lowered.Code, MachineEnv) : null;
        return VCodePrinter.Print(lowered.Code, InstFormatter, ra);
    }
}
