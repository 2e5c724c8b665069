using System.Buffers.Binary;
using System.Text;
using Kiln.Runtime.Wasi;
using Kiln.Wasm.Model;
using WasiApi = Kiln.Runtime.Wasi.Wasi;

namespace Kiln.Runtime.Tests.Wasi;

/// <summary>
/// Calls the preview1 host functions the way a guest would, through the Funcs a linker defines, on a memory of
/// this store; a temp directory holds the preopen ("sandbox", fd 3) and, beside it, "outside" with a secret that
/// no call may read or change.
/// </summary>
internal sealed class WasiHarness : IDisposable
{
    public const uint Preopen = 3;
    public const ulong AllRights = ulong.MaxValue >> 34; // bits 0..29
    private const uint ScratchStart = 1024;

    private readonly Store store;
    private readonly Linker linker;
    private uint next = ScratchStart;

    public WasiHarness(Action<WasiConfiguration>? configure = null)
    {
        Root = Directory.CreateTempSubdirectory("kiln-wasi-").FullName;
        Sandbox = Path.Combine(Root, "sandbox");
        Outside = Path.Combine(Root, "outside");
        Directory.CreateDirectory(Sandbox);
        Directory.CreateDirectory(Outside);
        File.WriteAllText(Path.Combine(Outside, "secret"), "secret");
        File.WriteAllText(Path.Combine(Root, "secret"), "root secret");
        var config = new WasiConfiguration { Stdout = WasiStdio.FromStream(Stdout), Stderr = WasiStdio.FromStream(Stderr) };
        config.Preopen(Sandbox, "/sandbox");
        configure?.Invoke(config);
        var engine = new Engine();
        store = new Store(engine);
        Memory = new Memory(store, new MemoryType(new Limits(1, 4)));
        Context = new WasiContext(config) { Memory = Memory };
        linker = new Linker(engine);
        WasiApi.AddToLinker(linker, Context);
    }

    public string Root { get; }

    public string Sandbox { get; }

    public string Outside { get; }

    public MemoryStream Stdout { get; } = new();

    public MemoryStream Stderr { get; } = new();

    public Memory Memory { get; }

    public WasiContext Context { get; }

    public string StdoutText => Encoding.UTF8.GetString(Stdout.ToArray());

    /// <summary>Calls <paramref name="name"/> with i32/i64 arguments (longs become i64, everything else i32).</summary>
    public WasiErrno Call(string name, params object[] args)
    {
        var func = (Func)linker.Get(store, WasiApi.ModuleName, name)!;
        var values = args.Select(a => a is long l ? Value.I64(l) : a is ulong u ? Value.I64((long)u) : Value.I32(Convert.ToInt32(a))).ToArray();
        var results = func.Call(values);
        return results.Length == 0 ? WasiErrno.Success : (WasiErrno)results[0].AsI32();
    }

    /// <summary>Reserves <paramref name="size"/> bytes of scratch memory (8-aligned).</summary>
    public uint Alloc(int size)
    {
        uint at = next;
        next = (uint)((next + size + 7) & ~7);
        return at;
    }

    /// <summary>Puts <paramref name="bytes"/> in memory; returns (pointer, length).</summary>
    public (uint Ptr, int Len) Bytes(byte[] bytes)
    {
        uint at = Alloc(bytes.Length);
        Memory.Write(at, bytes);
        return (at, bytes.Length);
    }

    public (uint Ptr, int Len) Str(string s) => Bytes(Encoding.UTF8.GetBytes(s));

    public uint U32(uint ptr) => (uint)Memory.ReadInt32(ptr);

    public ulong U64(uint ptr) => (ulong)Memory.ReadInt64(ptr);

    public string ReadString(uint ptr, int length)
    {
        var buffer = new byte[length];
        Memory.Read(ptr, buffer);
        return Encoding.UTF8.GetString(buffer);
    }

    /// <summary>One iovec over [buf, buf + len); returns its array pointer.</summary>
    public uint Iovec(uint buf, int len)
    {
        uint iov = Alloc(8);
        Memory.WriteInt32(iov, (int)buf);
        Memory.WriteInt32(iov + 4, len);
        return iov;
    }

    /// <summary>path_open relative to <paramref name="dir"/>; the new fd on success.</summary>
    public WasiErrno Open(string path, out uint fd, uint oflags = 0, ulong rights = AllRights, uint fdflags = 0,
        uint dir = Preopen, bool follow = true)
    {
        var (p, n) = Str(path);
        uint result = Alloc(4);
        Memory.WriteInt32(result, -1);
        var e = Call("path_open", dir, follow ? 1 : 0, p, n, oflags, rights, rights, fdflags, result);
        fd = U32(result);
        return e;
    }

    public WasiErrno Write(uint fd, string text)
    {
        var (p, n) = Str(text);
        uint nwritten = Alloc(4);
        var e = Call("fd_write", fd, Iovec(p, n), 1, nwritten);
        if (e == WasiErrno.Success)
            Assert.Equal((uint)n, U32(nwritten));
        return e;
    }

    public WasiErrno Read(uint fd, int max, out string text)
    {
        uint buf = Alloc(max);
        uint nread = Alloc(4);
        var e = Call("fd_read", fd, Iovec(buf, max), 1, nread);
        text = e == WasiErrno.Success ? ReadString(buf, (int)U32(nread)) : "";
        return e;
    }

    /// <summary>A path function taking (fd, path, len): create_directory, remove_directory, unlink_file.</summary>
    public WasiErrno PathCall(string name, string path, uint dir = Preopen)
    {
        var (p, n) = Str(path);
        return Call(name, dir, p, n);
    }

    /// <summary>path_filestat_get; the filestat on success.</summary>
    public WasiErrno Stat(string path, out Filestat stat, bool follow = true, uint dir = Preopen)
    {
        var (p, n) = Str(path);
        uint buf = Alloc(64);
        var e = Call("path_filestat_get", dir, follow ? 1 : 0, p, n, buf);
        stat = Filestat.Read(Memory, buf);
        return e;
    }

    public WasiErrno Symlink(string target, string path, uint dir = Preopen)
    {
        var (t, tn) = Str(target);
        var (p, n) = Str(path);
        return Call("path_symlink", t, tn, dir, p, n);
    }

    public WasiErrno Readlink(string path, out string target, int room = 256)
    {
        var (p, n) = Str(path);
        uint buf = Alloc(room);
        uint used = Alloc(4);
        var e = Call("path_readlink", Preopen, p, n, buf, room, used);
        target = e == WasiErrno.Success ? ReadString(buf, (int)U32(used)) : "";
        return e;
    }

    public WasiErrno Rename(string from, string to)
    {
        var (a, an) = Str(from);
        var (b, bn) = Str(to);
        return Call("path_rename", Preopen, a, an, Preopen, b, bn);
    }

    public WasiErrno Link(string from, string to, bool follow = false)
    {
        var (a, an) = Str(from);
        var (b, bn) = Str(to);
        return Call("path_link", Preopen, follow ? 1 : 0, a, an, Preopen, b, bn);
    }

    /// <summary>Whether the files outside the sandbox are exactly as created.</summary>
    public void AssertOutsideUntouched()
    {
        Assert.Equal(["secret"], Directory.GetFileSystemEntries(Outside).Select(Path.GetFileName));
        Assert.Equal("secret", File.ReadAllText(Path.Combine(Outside, "secret")));
        Assert.Equal("root secret", File.ReadAllText(Path.Combine(Root, "secret")));
        Assert.Equal(["outside", "sandbox", "secret"], Directory.GetFileSystemEntries(Root).Select(Path.GetFileName).Order());
    }

    public void Dispose()
    {
        Context.Dispose();
        store.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public readonly record struct Filestat(ulong Dev, ulong Ino, WasiFileType Type, ulong Nlink, ulong Size, ulong Atim, ulong Mtim, ulong Ctim)
    {
        public static Filestat Read(Memory memory, uint at)
        {
            var b = new byte[64];
            memory.Read(at, b);
            return new(
                BinaryPrimitives.ReadUInt64LittleEndian(b), BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(8)), (WasiFileType)b[16],
                BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(24)), BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(32)),
                BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(40)), BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(48)),
                BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(56)));
        }
    }
}
