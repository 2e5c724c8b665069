namespace Kiln.Runtime;

/// <summary>
/// The hook through which the compiler driver (or the artifact loader) gives a <see cref="Module"/> its machine
/// code. All addresses are of executable, registered code that stays mapped while the module is in use;
/// 0 means "not available" (the runtime then refuses to call, rather than jumping to 0).
/// </summary>
public interface ICompiledCode
{
    /// <summary>
    /// Code of defined function <paramref name="funcIndex"/> (function index space, so at least the module's
    /// imported function count) in the wasm calling convention: <c>(callee vmctx, params...) -> results</c>.
    /// </summary>
    nint FunctionCode(uint funcIndex);

    /// <summary>
    /// The host-entry trampoline for module type <paramref name="typeIndex"/>:
    /// <c>void (*)(VMFuncRef* callee, ValueSlot* args)</c>, entered through <c>kilnrt_call</c>; it reads the
    /// parameters from and writes the results to the 16-byte slots at <c>args</c>.
    /// </summary>
    nint HostEntryTrampoline(uint typeIndex);

    /// <summary>
    /// The wasm-to-host trampoline for module type <paramref name="typeIndex"/>: wasm calling convention of that
    /// type, its vmctx being a VMHostFuncContext; it spills the arguments to slots and calls the dispatcher.
    /// </summary>
    nint WasmToHostTrampoline(uint typeIndex);

    /// <summary>Where the code is, with its trap table and function ranges, for turning faults into traps and
    /// for backtraces; null when unknown. The module registers it with the engine.</summary>
    CodeMap? CodeMap { get; }
}
