using Kiln.Compiler.Driver;
using Kiln.Compiler.VmContext;
using Kiln.IR;
using Kiln.Wasm.Model;

namespace Kiln.Compiler.Translate;

/// <summary>
/// What every function translation of one module shares, computed once and read-only afterwards, so
/// translators on several threads can use one environment: IR signatures per type, function types,
/// the VMContext layout and the stack-limit descriptor.
/// </summary>
public sealed class ModuleEnvironment
{
    private readonly Signature?[] typeSignatures;

    public ModuleEnvironment(WasmModule module, VmContextLayout layout)
    {
        Module = module;
        Layout = layout;
        typeSignatures = new Signature?[module.Types.Count];
        for (int i = 0; i < typeSignatures.Length; i++)
        {
            // Types mentioning v128 stay null: only SIMD code can use them, and that is refused when met.
            typeSignatures[i] = HasV128(module.Types[i]) ? null : CallingConvention.WasmSignature(module.Types[i]);
        }
        FunctionTypes = new uint[module.TotalFunctionCount];
        for (uint f = 0; f < FunctionTypes.Length; f++)
        {
            FunctionTypes[f] = module.FunctionTypeIndex(f);
        }
        StackLimit = new StackLimit(0, [VmContextLayout.StoreContextOffset, VMStoreContext.StackLimit]);
    }

    public WasmModule Module { get; }

    public VmContextLayout Layout { get; }

    /// <summary>Type index of every function (function index space).</summary>
    public uint[] FunctionTypes { get; }

    /// <summary>Charge fuel per basic block and check it at function entries and loop headers
    /// (<see cref="VMStoreContext.FuelConsumed"/>).</summary>
    public bool ConsumeFuel { get; init; }

    /// <summary>Check the epoch deadline at function entries and loop headers (<see cref="VMStoreContext.EpochDeadline"/>).</summary>
    public bool EpochInterruption { get; init; }

    /// <summary>The prologue's stack limit: vmctx (param 0) → store context → stack limit.</summary>
    public StackLimit StackLimit { get; }

    /// <summary>IR signature (wasm convention) of module type <paramref name="typeIndex"/>.</summary>
    public Signature TypeSignature(uint typeIndex) =>
        typeSignatures[typeIndex] ?? throw new SimdNotSupportedException($"type {typeIndex} has v128 values");

    private static bool HasV128(FuncType t) =>
        Array.IndexOf(t.Params, ValType.V128) >= 0 || Array.IndexOf(t.Results, ValType.V128) >= 0;
}
