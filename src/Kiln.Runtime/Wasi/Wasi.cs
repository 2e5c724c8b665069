using System.Runtime.CompilerServices;

namespace Kiln.Runtime.Wasi;

/// <summary>
/// WASI preview1 (<c>wasi_snapshot_preview1</c>) as host functions of a <see cref="Linker"/>. Every function is
/// defined with its exact wasm signature; each returns an errno, except proc_exit, which throws
/// <see cref="WasiExitException"/>. Guest pointers out of bounds trap ("out of bounds memory access").
/// </summary>
public static class Wasi
{
    /// <summary>The import module name.</summary>
    public const string ModuleName = "wasi_snapshot_preview1";

    /// <summary>The names of all functions defined, in the witx order of their groups.</summary>
    public static IReadOnlyList<string> FunctionNames { get; } = [.. WasiFunctions.All.Select(f => f.Name)];

    /// <summary>
    /// Defines the functions with one <see cref="WasiContext"/> per store, made from <paramref name="configuration"/>
    /// when the store first calls one of them and disposed with the store.
    /// </summary>
    public static void AddToLinker(Linker linker, WasiConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Refuse a missing preopen now rather than as a trap at the guest's first call.
        foreach (var preopen in configuration.Preopens)
        {
            if (!Directory.Exists(preopen.HostPath))
                throw new DirectoryNotFoundException($"wasi: the preopened directory \"{preopen.HostPath}\" does not exist");
        }
        var contexts = new ConditionalWeakTable<Store, WasiContext>();
        AddToLinker(linker, caller => contexts.GetValue(caller.Store, store =>
        {
            var context = new WasiContext(configuration);
            store.Own(new ContextOwner(context));
            return context;
        }));
    }

    /// <summary>Defines the functions on one context, whoever calls them (the embedder disposes it).</summary>
    public static void AddToLinker(Linker linker, WasiContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        AddToLinker(linker, _ => context);
    }

    /// <summary>Defines the functions; <paramref name="context"/> picks the context for each call.</summary>
    public static void AddToLinker(Linker linker, Func<Caller, WasiContext> context)
    {
        ArgumentNullException.ThrowIfNull(linker);
        ArgumentNullException.ThrowIfNull(context);
        foreach (var row in WasiFunctions.All)
        {
            var body = row.Body;
            bool returns = row.Returns;
            linker.DefineFunction(ModuleName, row.Name, row.Type, (caller, args, results) =>
            {
                var errno = body(new WasiCall(context(caller), caller, args));
                if (returns)
                    results[0] = Value.I32((int)errno);
            });
        }
    }
}
