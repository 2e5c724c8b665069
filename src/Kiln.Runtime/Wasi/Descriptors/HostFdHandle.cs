using System.Runtime.InteropServices;
using Kiln.Runtime.Wasi.Native;

namespace Kiln.Runtime.Wasi;

/// <summary>A host file descriptor, closed when released unless it belongs to the embedder (inherited stdio).</summary>
internal sealed class HostFdHandle : SafeHandle
{
    public HostFdHandle(int fd, bool ownsHandle)
        : base(-1, ownsHandle)
    {
        SetHandle(fd);
    }

    public override bool IsInvalid => handle < 0;

    public int Fd => (int)handle;

    protected override bool ReleaseHandle() => WasiSys.kilnrt_wasi_close((int)handle) == 0;
}
