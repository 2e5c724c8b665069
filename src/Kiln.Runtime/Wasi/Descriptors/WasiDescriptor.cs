namespace Kiln.Runtime.Wasi;

/// <summary>One entry of a guest's descriptor table: what it refers to and the rights it carries.</summary>
internal abstract class WasiDescriptor : IDisposable
{
    /// <summary>What the descriptor may be used for.</summary>
    public WasiRights Base { get; set; }

    /// <summary>What descriptors opened through it may get.</summary>
    public WasiRights Inheriting { get; set; }

    /// <summary>The preopen's guest name, for preopened directories.</summary>
    public string? PreopenName { get; init; }

    /// <summary>What kind of object it is.</summary>
    public abstract WasiFileType FileType { get; }

    /// <summary>Whether <see cref="Base"/> holds all of <paramref name="rights"/>.</summary>
    public bool Has(WasiRights rights) => (Base & rights) == rights;

    public abstract void Dispose();
}
