using Kiln.Wasm.Model;

namespace Kiln.Component.Validation.Canonical;

public enum StringEncoding : byte { Utf8, Utf16, Latin1Utf16 }

/// <summary>
/// The canonical options of one <c>canon</c> definition after the checks every definition shares (no
/// duplicates, one string encoding, realloc beside memory with its signature, callback only with async,
/// no post-return with async). The <c>Require*</c> methods add the checks a particular use needs.
/// </summary>
internal sealed class CanonOptions
{
    public StringEncoding Encoding { get; init; }
    public uint? Memory { get; init; }
    public uint? Realloc { get; init; }
    public uint? PostReturn { get; init; }
    public bool Async { get; init; }
    public uint? Callback { get; init; }

    public CanonOptions RequireMemory(long offset)
    {
        if (Memory is null) throw new ComponentValidationException("canonical option `memory` is required", offset);
        return this;
    }

    public CanonOptions RequireRealloc(long offset)
    {
        RequireMemory(offset);
        if (Realloc is null) throw new ComponentValidationException("canonical option `realloc` is required", offset);
        return this;
    }

    public CanonOptions RequireMemoryIf(bool needed, long offset) => needed ? RequireMemory(offset) : this;

    public CanonOptions RequireReallocIf(bool needed, long offset) => needed ? RequireRealloc(offset) : this;

    public CanonOptions RequireSync(string where, long offset)
    {
        if (Async) throw new ComponentValidationException($"cannot specify `async` option on `{where}`", offset);
        return this;
    }

    /// <summary>Options valid for a lowering (an import): no post-return, no callback.</summary>
    public CanonOptions CheckLower(long offset)
    {
        if (PostReturn is not null) throw new ComponentValidationException("canonical option `post-return` cannot be specified for lowerings", offset);
        if (Callback is not null) throw new ComponentValidationException("canonical option `callback` cannot be specified for lowerings", offset);
        return this;
    }

    /// <summary>The pointer type of the options' memory: always i32 (64-bit memories need cm64).</summary>
    public static ValType PointerType => ValType.I32;
}
