namespace Kiln.Runtime.Wasi;

/// <summary>A descriptor backed by a .NET stream (stdio given by the embedder). The stream stays the embedder's.</summary>
internal sealed class StreamDescriptor : WasiDescriptor
{
    public StreamDescriptor(Stream stream)
    {
        Stream = stream;
    }

    public Stream Stream { get; }

    /// <inheritdoc />
    public override WasiFileType FileType => WasiFileType.Unknown;

    public override void Dispose()
    {
    }
}
