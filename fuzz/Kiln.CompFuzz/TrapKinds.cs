using Kiln.Reference;

namespace Kiln.CompFuzz;

/// <summary>
/// Maps each engine's trap to one vocabulary. Kiln reports every canonical ABI check as
/// <see cref="TrapCode.ComponentAbi"/>; Wasmtime 50.0.1 splits them into codes (invalid char, discriminant, string
/// or list out of bounds, unaligned pointer) or reports a transcoding or host-side lifting error with no trap code
/// at all (an <c>anyhow</c> error): all of these are <c>abi</c>.
/// </summary>
public static class TrapKinds
{
    public static string Of(TrapCode code) => code switch
    {
        TrapCode.ComponentAbi => "abi",
        TrapCode.HeapOutOfBounds => "oob",
        TrapCode.Unreachable => "unreachable",
        TrapCode.CannotEnterComponent => "cannot-enter",
        TrapCode.CannotLeaveComponent => "cannot-leave",
        TrapCode.StackOverflow => "stack",
        _ => code.ToString(),
    };

    public static string Of(WasmtimeTrapCode? code) => code switch
    {
        null or WasmtimeTrapCode.InvalidChar or WasmtimeTrapCode.InvalidDiscriminant or WasmtimeTrapCode.StringOutOfBounds
            or WasmtimeTrapCode.ListOutOfBounds or WasmtimeTrapCode.UnalignedPointer => "abi",
        WasmtimeTrapCode.MemoryOutOfBounds => "oob",
        WasmtimeTrapCode.UnreachableCodeReached => "unreachable",
        WasmtimeTrapCode.CannotEnterComponent => "cannot-enter",
        WasmtimeTrapCode.CannotLeaveComponent => "cannot-leave",
        WasmtimeTrapCode.StackOverflow => "stack",
        _ => code.ToString()!,
    };
}
