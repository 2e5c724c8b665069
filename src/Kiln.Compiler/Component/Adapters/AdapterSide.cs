using Kiln.Component.Validation.Canonical;
using Kiln.Wasm.Model;

namespace Kiln.Compiler.Component.Adapters;

/// <summary>
/// One side of a fused call (the caller's <c>canon lower</c> options or the callee's <c>canon lift</c> options) in the
/// adapter module being generated: its string encoding, and its memory, realloc and string validator imported on
/// first use, so an adapter that copies nothing imports none of them.
/// </summary>
internal sealed class AdapterSide(AdapterModuleBuilder module, CanonicalOptionsPlan options)
{
    private static readonly FuncType ReallocType = new([ValType.I32, ValType.I32, ValType.I32, ValType.I32], [ValType.I32]);
    private static readonly FuncType ValidateType = new([ValType.I32, ValType.I32], []);

    private uint? _memory, _realloc;

    public StringEncoding Encoding => options.Encoding;

    /// <summary>The module's index of this side's memory.</summary>
    public uint Memory => _memory ??= module.ImportMemory(new MemoryImport(options.Memory ?? throw Missing("memory")));

    /// <summary>The module's function index of this side's realloc.</summary>
    public uint Realloc => _realloc ??= module.ImportFunc(new ReallocImport(options.Realloc ?? throw Missing("realloc")), ReallocType);

    /// <summary>The validator of strings in this side's memory and encoding (utf8 or utf16).</summary>
    public uint ValidateString =>
        module.ImportFunc(new ValidateStringImport(options.Encoding, options.Memory ?? throw Missing("memory")), ValidateType);

    private static InvalidOperationException Missing(string what) =>
        new($"adapter: canonical option `{what}` missing (validation should have caught this)");
}
