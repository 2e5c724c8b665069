using Kiln.Component.Validation.Canonical;

namespace Kiln.Compiler.Component.Adapters;

/// <summary>What the runtime passes for one import of an adapter module, in import order (the module's
/// imports are all named <c>kiln:adapter</c>/<see cref="AdapterImport.Name"/>). Equal imports are imported once
/// per module.</summary>
public abstract record AdapterImport(string Name);

/// <summary>The core function an adapter calls: the callee's lifted core function.</summary>
public sealed record CalleeImport(CoreDef Callee) : AdapterImport("callee");

/// <summary>The callee's <c>post-return</c> function (post-return <see cref="Index"/> of the context).</summary>
public sealed record PostReturnImport(int Index) : AdapterImport($"post-return-{Index}");

/// <summary>The flags slot of run-time component instance <see cref="Instance"/>, as a mutable i32 global.</summary>
public sealed record FlagsImport(int Instance) : AdapterImport($"flags-{Instance}");

/// <summary>Memory <see cref="Index"/> of the context (a canonical option's <c>memory</c>): the adapter copies
/// strings and lists between the two sides' memories with ordinary loads, stores and <c>memory.copy</c>.</summary>
public sealed record MemoryImport(int Index) : AdapterImport($"memory-{Index}");

/// <summary>Realloc <see cref="Index"/> of the context, <c>(old ptr, old size, align, new size) -> ptr</c>.</summary>
public sealed record ReallocImport(int Index) : AdapterImport($"realloc-{Index}");

/// <summary>A runtime builtin (Wasmtime's libcalls: transcoders, resource transfers); <see cref="Adapter"/> is the
/// position of the adapter it serves in the module, or -1 for one shared by all.</summary>
public sealed record BuiltinImport(AdapterBuiltin Builtin, int Adapter = -1)
    : AdapterImport(Adapter < 0 ? AdapterBuiltins.Name(Builtin) : $"{AdapterBuiltins.Name(Builtin)}-{Adapter}");

/// <summary><c>(ptr, code units) -> ()</c>: traps unless the string at ptr in memory <see cref="Memory"/> of the
/// context is valid in <see cref="Encoding"/> (utf8 or utf16), with the canonical ABI's wording. The copy itself is
/// wasm; the check is a builtin as Wasmtime's copy transcoders are, because a vectorized validator in the runtime
/// is far faster than a byte loop in wasm.</summary>
public sealed record ValidateStringImport(StringEncoding Encoding, int Memory)
    : AdapterImport($"validate-{(Encoding == StringEncoding.Utf8 ? "utf8" : "utf16")}-{Memory}");
