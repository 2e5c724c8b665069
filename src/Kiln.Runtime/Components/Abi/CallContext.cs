using Kiln.Compiler.Component;
using Kiln.Component.Validation.Canonical;
using Kiln.Component.Validation.Types;

namespace Kiln.Runtime.Components.Abi;

/// <summary>
/// What lifting and lowering need for one call (CanonicalABI.md's <c>LiftLowerContext</c>): the canonical
/// options (memory, realloc, string encoding), the component instance whose handle table is used, the
/// borrows lent for the call's duration (released when it ends), and the borrow handles it created.
/// </summary>
internal sealed class CallContext(ComponentRuntime runtime, CanonicalOptionsPlan options)
{
    public ComponentRuntime Runtime { get; } = runtime;
    public CanonicalOptionsPlan Options { get; } = options;
    public TypeArena Types => Runtime.Plan.Types;
    public Memory? Memory { get; } = options.Memory is { } m ? runtime.Memories[m] : null;
    public Func? Realloc { get; } = options.Realloc is { } r ? runtime.Reallocs[r] : null;
    public StringEncoding Encoding => Options.Encoding;
    public HandleTable Table => Runtime.Tables[Options.Instance];
    public List<HandleEntry> Lent { get; } = [];
    public CallScope Scope { get; private set; } = new();

    /// <summary>Lifting or lowering for a fused adapter: traps are worded as Wasmtime's generated adapters word
    /// them ("string content out-of-bounds", "unaligned pointer" for a realloc result), not as its host does.</summary>
    public bool Adapter { get; init; }

    /// <summary>The encoding the strings this context lowers were read in: the other side's string-encoding in a
    /// fused adapter; null for the host's own strings (.NET strings, UTF-16 to the ABI). The ABI's realloc
    /// requests for a string depend on it (<see cref="CanonicalAbi.StoreString"/>).</summary>
    public StringEncoding? SourceEncoding { get; init; }

    public Memory RequireMemory() => Memory ?? throw new InvalidOperationException("canonical option `memory` missing (validation should have caught this)");

    /// <summary>The run-time resource type of a validator resource identity in this function's types.</summary>
    public object ResourceType(TypeId resource) =>
        Options.Resources.TryGetValue(resource.Index, out int r) ? Runtime.Resources[r]
        : throw new InvalidOperationException($"resource {resource.Index} has no run-time resource");

    /// <summary>Readies a context kept for reuse (one call at a time: a fused adapter's, whose callee cannot be
    /// re-entered) for the next call: nothing lent, and a fresh borrow scope unless the last one ended clean (a
    /// trapped call's borrow handles may still point at it).</summary>
    public void Reset()
    {
        ReleaseLends();
        if (Scope.Borrows != 0) Scope = new();
    }

    /// <summary>Ends the borrows lent to the callee for this call.</summary>
    public void ReleaseLends()
    {
        foreach (var e in Lent) e.Lends--;
        Lent.Clear();
    }
}
