namespace Kiln.Component.Adapters;

/// <summary>
/// Kiln's own <c>wasi_snapshot_preview1</c> adapter modules (adapters/wasi-preview1, built from C by the normal
/// build and embedded in this assembly): core modules that implement every preview1 function on WASI 0.2.0
/// imports, for <c>component new --adapt wasi_snapshot_preview1=…</c>. <see cref="Command"/> also exports
/// <c>wasi:cli/run@0.2.0#run</c>, which calls the program's <c>_start</c>; <see cref="Reactor"/> does not.
/// </summary>
public static class Preview1Adapters
{
    /// <summary>The module name a preview1 program imports from, which names the adapter.</summary>
    public const string ModuleName = "wasi_snapshot_preview1";

    private const string CommandResource = "Kiln.Component.Adapters.wasi_snapshot_preview1.command.wasm";
    private const string ReactorResource = "Kiln.Component.Adapters.wasi_snapshot_preview1.reactor.wasm";

    private static readonly Lazy<byte[]> command = new(() => Load(CommandResource));
    private static readonly Lazy<byte[]> reactor = new(() => Load(ReactorResource));

    /// <summary>The command flavor: for programs with a <c>_start</c>, run through <c>wasi:cli/run</c>.</summary>
    public static ReadOnlyMemory<byte> Command => command.Value;

    /// <summary>The reactor flavor: the preview1 functions only, for libraries and programs without <c>_start</c>.</summary>
    public static ReadOnlyMemory<byte> Reactor => reactor.Value;

    private static byte[] Load(string name)
    {
        // The build embeds both (Kiln.Component.csproj); a missing one is a broken build of this assembly.
        using var stream = typeof(Preview1Adapters).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the resource {name} is missing from {typeof(Preview1Adapters).Assembly.GetName().Name}");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
