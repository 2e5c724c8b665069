using Kiln.IR;

namespace Kiln.Compiler.Translate;

/// <summary>
/// The IR of a module: one function per defined function (in definition order, named
/// <see cref="VmContext.FunctionNames.Wasm"/> of their function index), and the trampolines for every
/// distinct function type. <see cref="TrampolineOfType"/> maps each module type index to the index in
/// <see cref="EntryTrampolines"/>/<see cref="HostTrampolines"/> of its structurally equal representative
/// (-1 for types mentioning v128, which get none yet).
/// </summary>
public sealed class TranslatedModule(Function[] functions, Function[] entryTrampolines, Function[] hostTrampolines, int[] trampolineOfType)
{
    public Function[] Functions { get; } = functions;

    public Function[] EntryTrampolines { get; } = entryTrampolines;

    public Function[] HostTrampolines { get; } = hostTrampolines;

    public int[] TrampolineOfType { get; } = trampolineOfType;
}
