namespace Kiln.Runtime.Wasi.Native;

/// <summary>kilnrt_wasi_pollfd.</summary>
internal struct HostPollFd
{
    public int Fd;
    public uint Events;
    public uint Revents;
    public uint Pad;
    public ulong Nbytes;
}
