namespace Kiln.Wasm.Validation;

/// <summary>A size that a valid module may exceed in principle but that Kiln, like the other engines, refuses
/// (<see cref="ImplementationLimits"/> holds the maxima).</summary>
public enum ImplementationLimit
{
    Types,
    Functions,
    Imports,
    Exports,
    Globals,
    ElementSegments,
    DataSegments,
    Tables,
    Memories,
    FunctionParams,
    FunctionResults,
    FunctionBodySize,
    FunctionLocals,
}
