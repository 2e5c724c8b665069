namespace Kiln.Runtime.Wasi.Preview2;

/// <summary>
/// The host resource types of one context, each defined once and given under every interface that names it
/// (<c>wasi:io/streams</c>, <c>wasi:cli/stdout</c> and <c>wasi:filesystem/types</c> share <c>output-stream</c>).
/// A guest's <c>resource.drop</c> of an owned handle frees the host object (and closes what it holds).
/// </summary>
internal sealed class WasiResourceTypes(HostResourceTable table)
{
    public ResourceType InputStream { get; } = new("input-stream", table.Remove);
    public ResourceType OutputStream { get; } = new("output-stream", table.Remove);
    public ResourceType Pollable { get; } = new("pollable", table.Remove);
    public ResourceType Error { get; } = new("error", table.Remove);
    public ResourceType Descriptor { get; } = new("descriptor", table.Remove);
    public ResourceType DirectoryEntryStream { get; } = new("directory-entry-stream", table.Remove);
    public ResourceType TerminalInput { get; } = new("terminal-input", table.Remove);
    public ResourceType TerminalOutput { get; } = new("terminal-output", table.Remove);
}
