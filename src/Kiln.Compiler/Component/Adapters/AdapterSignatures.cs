using Kiln.Component.Validation.Canonical;
using Kiln.Component.Validation.Types;
using Kiln.Wasm.Model;

namespace Kiln.Compiler.Component.Adapters;

/// <summary>
/// The two core signatures a fused adapter sits between (Wasmtime's <c>fact/signature.rs</c>): the caller's
/// (<c>canon lower</c>: parameters spilled to a pointer past 16 flat values, a return pointer as last parameter
/// past 1 flat result) and the callee's (<c>canon lift</c>: the same spill of parameters, results returned as a
/// pointer past 1 flat result).
/// </summary>
public sealed record AdapterSignatures(FuncType Lower, FuncType Lift, bool ParamsInMemory, bool ResultsInMemory)
{
    public static AdapterSignatures Of(TypeArena types, FuncTypeData func)
    {
        var flatParams = Flattening.Flatten(types, func.ParamTypes, Flattening.MaxFlatParams);
        var flatResults = func.Result is { } r ? Flattening.Flatten(types, [r], Flattening.MaxFlatResults) : [];
        bool resultsInMemory = flatResults is null;
        ValType[] results = flatResults ?? [];
        ValType[] ps = flatParams ?? [ValType.I32];
        var lower = new FuncType(resultsInMemory ? [.. ps, ValType.I32] : ps, results);
        var lift = new FuncType(ps, resultsInMemory ? [ValType.I32] : results);
        return new AdapterSignatures(lower, lift, flatParams is null, resultsInMemory);
    }
}
