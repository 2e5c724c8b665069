namespace Kiln.Compiler.Component.Adapters;

/// <summary>What the runtime passes for one import of an adapter module, in import order (the module's
/// imports are all named <c>kiln:adapter</c>/<see cref="AdapterImport.Name"/>).</summary>
public abstract record AdapterImport(string Name);

/// <summary>The core function the adapter calls: the callee's lifted core function.</summary>
public sealed record CalleeImport(CoreDef Callee) : AdapterImport("callee");

/// <summary>The callee's <c>post-return</c> function (post-return <see cref="Index"/> of the context).</summary>
public sealed record PostReturnImport(int Index) : AdapterImport("post-return");

/// <summary>The flags slot of run-time component instance <see cref="Instance"/>, as a mutable i32 global.</summary>
public sealed record FlagsImport(string Role, int Instance) : AdapterImport(Role + "-flags");

/// <summary>A runtime builtin the adapter calls (Wasmtime's libcalls: transcoders, resource transfers).</summary>
public sealed record BuiltinImport(AdapterBuiltin Builtin) : AdapterImport(AdapterBuiltins.Name(Builtin));
