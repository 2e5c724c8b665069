using System.Runtime.InteropServices;

namespace Kiln.Codegen.X64.Tests;

/// <summary>Anonymous memory mapped RW, filled, then flipped to RX (libc P/Invoke; Linux x86-64 only).</summary>
internal sealed unsafe partial class ExecutableCode : IDisposable
{
    private const int ProtRead = 1, ProtWrite = 2, ProtExec = 4, MapPrivate = 2, MapAnonymous = 0x20;

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int mprotect(nint addr, nuint length, int prot);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int munmap(nint addr, nuint length);

    private readonly nuint _size;

    public ExecutableCode(ReadOnlySpan<byte> code, Func<nint, byte[]>? finish = null)
    {
        _size = (nuint)((code.Length + 4095) & ~4095);
        if (_size == 0) _size = 4096;
        Base = mmap(0, _size, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
        if (Base == -1) throw new InvalidOperationException($"mmap failed: {Marshal.GetLastPInvokeError()}");
        var bytes = finish is null ? code.ToArray() : finish(Base);
        bytes.CopyTo(new Span<byte>((void*)Base, bytes.Length));
        if (mprotect(Base, _size, ProtRead | ProtExec) != 0) throw new InvalidOperationException("mprotect failed");
    }

    public nint Base { get; }

    public void Dispose() => munmap(Base, _size);
}
