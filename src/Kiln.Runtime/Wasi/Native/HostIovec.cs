namespace Kiln.Runtime.Wasi.Native;

/// <summary>kilnrt_wasi_iovec (struct iovec).</summary>
internal struct HostIovec
{
    public nint Base;
    public nuint Length;
}
