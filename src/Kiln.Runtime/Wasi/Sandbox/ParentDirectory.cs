using Kiln.Runtime.Wasi.Native;

namespace Kiln.Runtime.Wasi;

/// <summary>
/// The directory holding a path's last component, opened beneath the starting directory, and that component's
/// name: what unlink, rmdir, mkdir, rename, link, symlink and readlink work on with their *at() calls, so that only
/// the parent is ever resolved (the kernel does not follow the final name in those calls).
/// </summary>
internal sealed class ParentDirectory : IDisposable
{
    private readonly bool owned;

    private ParentDirectory(int fd, bool owned, byte[] name, bool trailingSlash)
    {
        Fd = fd;
        this.owned = owned;
        Name = name;
        TrailingSlash = trailingSlash;
    }

    /// <summary>The parent's fd (the starting directory itself when the path has one component).</summary>
    public int Fd { get; }

    /// <summary>The last component, NUL-terminated, without slashes.</summary>
    public byte[] Name { get; }

    /// <summary>Whether the path ended in slashes (it must then name a directory).</summary>
    public bool TrailingSlash { get; }

    /// <summary>The last component with a slash after it, for calls that must apply the directory rule themselves
    /// (creating calls never follow a final symlink, trailing slash or not).</summary>
    public byte[] NameWithSlash()
    {
        var result = new byte[Name.Length + 1];
        Name.AsSpan(0, Name.Length - 1).CopyTo(result);
        result[^2] = (byte)'/';
        return result;
    }

    /// <summary>
    /// Splits <paramref name="path"/> (NUL-terminated) and opens its parent below <paramref name="dirFd"/>. A last
    /// component of "." or ".." is one that some *at() calls resolve, so the whole path must stay inside too: it
    /// is checked first, and an escape is ENOTCAPABLE like any other.
    /// </summary>
    public static WasiErrno Open(int dirFd, byte[] path, out ParentDirectory? parent)
    {
        parent = null;
        var text = path.AsSpan(0, path.Length - 1);
        if (text.IsEmpty)
            return WasiErrno.NoEnt;
        if (text[0] == (byte)'/')
            return WasiErrno.NotCapable;
        int end = text.Length;
        while (text[end - 1] == (byte)'/')
            end--;
        bool trailing = end < text.Length;
        var stripped = text[..end];
        int slash = stripped.LastIndexOf((byte)'/');
        var name = stripped[(slash + 1)..];
        if (name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))
        {
            int check = Beneath.OpenPath(dirFd, Beneath.Terminated(stripped), follow: true);
            if (check < 0)
                return WasiSys.Errno(check);
            WasiSys.kilnrt_wasi_close(check);
        }
        int fd = dirFd;
        if (slash >= 0)
        {
            fd = Beneath.OpenPath(dirFd, Beneath.Terminated(stripped[..slash]), follow: true, directory: true);
            if (fd < 0)
                return WasiSys.Errno(fd);
        }
        parent = new ParentDirectory(fd, slash >= 0, Beneath.Terminated(name), trailing);
        return WasiErrno.Success;
    }

    public void Dispose()
    {
        if (owned)
            WasiSys.kilnrt_wasi_close(Fd);
    }
}
