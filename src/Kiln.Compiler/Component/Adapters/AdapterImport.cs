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

/// <summary>A runtime builtin (Wasmtime's libcalls: transcoders, resource transfers); <see cref="Adapter"/> is the
/// position of the adapter it serves in the module, or -1 for one shared by all.</summary>
public sealed record BuiltinImport(AdapterBuiltin Builtin, int Adapter = -1)
    : AdapterImport(Adapter < 0 ? AdapterBuiltins.Name(Builtin) : $"{AdapterBuiltins.Name(Builtin)}-{Adapter}");
