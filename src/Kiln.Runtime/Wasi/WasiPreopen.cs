namespace Kiln.Runtime.Wasi;

/// <summary>
/// A host directory the guest may use, under the name <paramref name="GuestPath"/> (what fd_prestat_dir_name
/// reports; wasi-libc maps absolute guest paths to it). Nothing outside <paramref name="HostPath"/> is reachable
/// through it. <paramref name="ReadOnly"/> withholds every right that would change the file system.
/// </summary>
public sealed record WasiPreopen(string HostPath, string GuestPath, bool ReadOnly = false)
{
    /// <summary>Parses <c>HOST[::GUEST]</c> (the guest name defaults to the host path, as in wasmtime's --dir).</summary>
    public static WasiPreopen Parse(string spec)
    {
        ArgumentException.ThrowIfNullOrEmpty(spec);
        int split = spec.IndexOf("::", StringComparison.Ordinal);
        if (split < 0)
            return new WasiPreopen(spec, spec);
        string host = spec[..split], guest = spec[(split + 2)..];
        if (host.Length == 0 || guest.Length == 0)
            throw new FormatException($"a preopen is HOST[::GUEST], not \"{spec}\"");
        return new WasiPreopen(host, guest);
    }
}
