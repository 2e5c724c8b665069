using System.Text;
using Kiln.Runtime.Wasi.Native;

namespace Kiln.Runtime.Wasi.Preview2;

/// <summary>
/// <c>wasi:filesystem</c>: types (descriptor, directory-entry-stream, filesystem-error-code) and preopens, over the
/// same sandbox layer as preview1 (<see cref="SandboxPaths"/>, <see cref="Beneath"/>): every path resolves beneath
/// the directory descriptor it is given, in the kernel. What preview1 expresses with rights is here the
/// descriptor's mode: a file opened without <c>write</c> cannot be written (<c>bad-descriptor</c>), a directory
/// without <c>mutate-directory</c> cannot change (<c>not-permitted</c>, as Wasmtime). Host errnos become
/// <c>error-code</c>s by <see cref="ErrorCodes"/>.
/// </summary>
internal static unsafe class WasiFilesystem
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    // descriptor-type case of each preview1 filetype.
    private static readonly string[] TypeNames =
        ["unknown", "block-device", "character-device", "directory", "regular-file", "socket", "socket", "symbolic-link"];

    private delegate Val Method(Descriptor self, Val[] args);

    public static void Define(ComponentLinker linker, WasiPreview2Context cx)
    {
        var t = cx.Types;
        var (hashLow, hashHigh) = ((ulong)cx.Insecure.NextInt64(), (ulong)cx.Insecure.NextInt64());
        var types = WasiPreview2.Interface(linker, "wasi:filesystem/types")
            .DefineResource("input-stream", t.InputStream)
            .DefineResource("output-stream", t.OutputStream)
            .DefineResource("error", t.Error)
            .DefineResource("descriptor", t.Descriptor)
            .DefineResource("directory-entry-stream", t.DirectoryEntryStream);

        void M(string name, Method body) =>
            types.DefineFunc($"[method]descriptor.{name}", a => body(cx.Get<Descriptor>(a[0]), a));

        M("read-via-stream", (d, a) => d.IsDirectory || !d.CanRead ? Err(WasiErrno.BadF)
            : Val.Ok(cx.Own(t.InputStream, new FileInputStream(d, a[1].AsU64()))));
        M("write-via-stream", (d, a) => d.IsDirectory || !d.CanWrite ? Err(WasiErrno.BadF)
            : Val.Ok(cx.Own(t.OutputStream, new FileOutputStream(d, a[1].AsU64(), append: false))));
        M("append-via-stream", (d, _) => d.IsDirectory || !d.CanWrite ? Err(WasiErrno.BadF)
            : Val.Ok(cx.Own(t.OutputStream, new FileOutputStream(d, 0, append: true))));
        M("advise", (d, a) => d.IsDirectory ? Err(WasiErrno.BadF)
            : Unit(WasiSys.kilnrt_wasi_advise(d.Fd, a[1].AsU64(), a[2].AsU64(), (uint)Array.IndexOf(Advice, a[3].Text))));
        M("sync-data", (d, _) => Unit(WasiSys.kilnrt_wasi_sync(d.Fd, 1)));
        M("sync", (d, _) => Unit(WasiSys.kilnrt_wasi_sync(d.Fd, 0)));
        M("get-flags", (d, _) =>
        {
            int fdflags = WasiSys.kilnrt_wasi_get_fdflags(d.Fd);
            if (fdflags < 0) return Err(WasiSys.Errno(fdflags));
            var set = new List<string>();
            if (d.CanRead) set.Add("read");
            if (d.CanWrite) set.Add("write");
            if ((fdflags & WasiFlags.FdSync) != 0) set.Add("file-integrity-sync");
            if ((fdflags & WasiFlags.FdDsync) != 0) set.Add("data-integrity-sync");
            if ((fdflags & WasiFlags.FdRsync) != 0) set.Add("requested-write-sync");
            if (d.IsDirectory && d.CanMutate) set.Add("mutate-directory");
            return Val.Ok(Val.Flags([.. set]));
        });
        M("get-type", (d, _) => Val.Ok(Val.Enum(TypeName(d.Type))));
        M("set-size", (d, a) => d.IsDirectory ? Err(WasiErrno.IsDir) : !d.CanWrite ? Err(WasiErrno.BadF)
            : Unit(WasiSys.kilnrt_wasi_truncate(d.Fd, a[1].AsU64())));
        M("set-times", (d, a) =>
        {
            if (d.IsDirectory ? !d.CanMutate : !d.CanWrite) return Err(d.IsDirectory ? WasiErrno.Perm : WasiErrno.BadF);
            var (atim, mtim, fst) = Times(a[1], a[2]);
            return Unit(WasiSys.kilnrt_wasi_set_times(d.Fd, atim, mtim, fst));
        });
        M("read", (d, a) =>
        {
            if (d.IsDirectory) return Err(WasiErrno.IsDir);
            if (!d.CanRead) return Err(WasiErrno.BadF);
            var buffer = new byte[(int)Math.Min(a[1].AsU64(), 1 << 20)];
            long r = d.PRead(buffer, a[2].AsU64());
            if (r < 0) return Err(WasiSys.Errno(r));
            return Val.Ok(Val.Tuple(WasiPreview2Context.ByteList(buffer.AsSpan(0, (int)r)), Val.Bool(r == 0 && buffer.Length > 0)));
        });
        M("write", (d, a) =>
        {
            if (d.IsDirectory) return Err(WasiErrno.IsDir);
            if (!d.CanWrite) return Err(WasiErrno.BadF);
            var bytes = WasiPreview2Context.Bytes(a[1]);
            long r;
            fixed (byte* p = bytes)
            {
                var iov = new HostIovec { Base = (nint)p, Length = (nuint)bytes.Length };
                r = WasiSys.kilnrt_wasi_pwritev(d.Fd, &iov, 1, a[2].AsU64());
            }
            return r < 0 ? Err(WasiSys.Errno(r)) : Val.Ok(Val.U64((ulong)r));
        });
        M("read-directory", (d, _) =>
        {
            if (!d.IsDirectory) return Err(WasiErrno.NotDir);
            var e = DirectoryListing.Read(d.Fd, out var entries);
            return e != WasiErrno.Success ? Err(e) : Val.Ok(cx.Own(t.DirectoryEntryStream, new DirectoryEntryStream(entries)));
        });
        M("create-directory-at", (d, a) => Mutating(d, a[1], path => SandboxPaths.CreateDirectory(d.Fd, path)));
        M("stat", (d, _) =>
        {
            var e = d.Stat(out var stat);
            return e != WasiErrno.Success ? Err(e) : Val.Ok(Stat(stat));
        });
        M("stat-at", (d, a) => StatAt(d, a[1], a[2], stat => Stat(stat)));
        M("set-times-at", (d, a) => Mutating(d, a[2], path =>
        {
            var (atim, mtim, fst) = Times(a[3], a[4]);
            return SandboxPaths.SetTimes(d.Fd, path, Follow(a[1]), atim, mtim, fst);
        }));
        M("link-at", (d, a) =>
        {
            var to = cx.Get<Descriptor>(a[3]);
            if (!d.IsDirectory || !to.IsDirectory) return Err(WasiErrno.NotDir);
            if (!d.CanMutate || !to.CanMutate) return Err(WasiErrno.Perm);
            // Following a final symlink would need the host to resolve it outside the sandbox (as preview1: EINVAL).
            if (Follow(a[1])) return Err(WasiErrno.Inval);
            var e = Paths(a[2], a[4], out var from, out var dest);
            return Unit(e != WasiErrno.Success ? e : SandboxPaths.Link(d.Fd, from, to.Fd, dest));
        });
        M("open-at", (d, a) => OpenAt(cx, d, a));
        M("readlink-at", (d, a) =>
        {
            if (!d.IsDirectory) return Err(WasiErrno.NotDir);
            var e = WasiPreview2Context.Path(a[1], out var path);
            if (e != WasiErrno.Success) return Err(e);
            var buffer = new byte[64 * 1024];
            ulong n;
            fixed (byte* p = buffer)
                e = SandboxPaths.Readlink(d.Fd, path, p, (ulong)buffer.Length, out n);
            if (e != WasiErrno.Success) return Err(e);
            return Decode(buffer.AsSpan(0, (int)n), out var text) ? Val.Ok(Val.String(text)) : Err(WasiErrno.IlSeq);
        });
        M("remove-directory-at", (d, a) => Mutating(d, a[1], path => SandboxPaths.RemoveDirectory(d.Fd, path)));
        M("rename-at", (d, a) =>
        {
            var to = cx.Get<Descriptor>(a[2]);
            if (!d.IsDirectory || !to.IsDirectory) return Err(WasiErrno.NotDir);
            if (!d.CanMutate || !to.CanMutate) return Err(WasiErrno.Perm);
            var e = Paths(a[1], a[3], out var from, out var dest);
            return Unit(e != WasiErrno.Success ? e : SandboxPaths.Rename(d.Fd, from, to.Fd, dest));
        });
        M("symlink-at", (d, a) =>
        {
            var e = WasiPreview2Context.Path(a[1], out var target);
            if (e != WasiErrno.Success) return Err(e);
            return Mutating(d, a[2], path => SandboxPaths.Symlink(target, d.Fd, path));
        });
        M("unlink-file-at", (d, a) => Mutating(d, a[1], path => SandboxPaths.UnlinkFile(d.Fd, path)));
        M("is-same-object", (d, a) =>
        {
            var other = cx.Get<Descriptor>(a[1]);
            return Val.Bool(d.Stat(out var x) == WasiErrno.Success && other.Stat(out var y) == WasiErrno.Success
                && x.Device == y.Device && x.Inode == y.Inode);
        });
        M("metadata-hash", (d, _) =>
        {
            var e = d.Stat(out var stat);
            return e != WasiErrno.Success ? Err(e) : Val.Ok(Hash(stat, hashLow, hashHigh));
        });
        M("metadata-hash-at", (d, a) => StatAt(d, a[1], a[2], stat => Hash(stat, hashLow, hashHigh)));

        types.DefineFunc("[method]directory-entry-stream.read-directory-entry", a =>
        {
            var s = cx.Get<DirectoryEntryStream>(a[0]);
            while (s.Next() is { } entry)
            {
                // The guest sees neither "." nor "..": they are not entries of the directory's contents (as Wasmtime).
                if (entry.Name.AsSpan().SequenceEqual("."u8) || entry.Name.AsSpan().SequenceEqual(".."u8)) continue;
                if (!Decode(entry.Name, out var name)) return Err(WasiErrno.IlSeq);
                return Val.Ok(Val.Some(Val.Record(("type", Val.Enum(TypeName(entry.Type))), ("name", Val.String(name)))));
            }
            return Val.Ok(Val.None());
        });
        types.DefineFunc("filesystem-error-code", a => Val.Some(ErrorCodes.Val(cx.Get<IoError>(a[0]).Errno)));

        WasiPreview2.Interface(linker, "wasi:filesystem/preopens")
            .DefineResource("descriptor", t.Descriptor)
            .DefineFunc("get-directories", _ =>
            {
                var list = new List<Val>();
                foreach (var (dir, name) in cx.Preopens()) list.Add(Val.Tuple(cx.Own(t.Descriptor, dir), Val.String(name)));
                return Val.List(list);
            });
    }

    private static readonly string[] Advice = ["normal", "sequential", "random", "will-need", "dont-need", "no-reuse"];

    private static string TypeName(WasiFileType type) => (int)type < TypeNames.Length ? TypeNames[(int)type] : "unknown";

    private static Val Err(WasiErrno e) => Val.Err(ErrorCodes.Val(e));

    private static Val Unit(WasiErrno e) => e == WasiErrno.Success ? Val.Ok() : Err(e);

    private static Val Unit(long r) => r < 0 ? Err(WasiSys.Errno(r)) : Val.Ok();

    private static bool Follow(Val pathFlags) => pathFlags.Names.Contains("symlink-follow");

    private static bool Decode(ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    private static WasiErrno Paths(Val a, Val b, out byte[] first, out byte[] second)
    {
        second = [];
        var e = WasiPreview2Context.Path(a, out first);
        return e != WasiErrno.Success ? e : WasiPreview2Context.Path(b, out second);
    }

    /// <summary>A path operation that changes the directory's tree: needs a directory that may be mutated.</summary>
    private static Val Mutating(Descriptor d, Val pathText, Func<byte[], WasiErrno> operation)
    {
        if (!d.IsDirectory) return Err(WasiErrno.NotDir);
        if (!d.CanMutate) return Err(WasiErrno.Perm);
        var e = WasiPreview2Context.Path(pathText, out var path);
        return Unit(e != WasiErrno.Success ? e : operation(path));
    }

    private static Val StatAt(Descriptor d, Val pathFlags, Val pathText, Func<FileStat, Val> result)
    {
        if (!d.IsDirectory) return Err(WasiErrno.NotDir);
        var e = WasiPreview2Context.Path(pathText, out var path);
        if (e != WasiErrno.Success) return Err(e);
        byte* buffer = stackalloc byte[WasiLayout.FilestatSize];
        e = SandboxPaths.Stat(d.Fd, path, Follow(pathFlags), buffer);
        return e != WasiErrno.Success ? Err(e) : Val.Ok(result(FileStat.Read(new ReadOnlySpan<byte>(buffer, WasiLayout.FilestatSize))));
    }

    private static Val Stat(FileStat s) => Val.Record(
        ("type", Val.Enum(TypeName(s.Type))),
        ("link-count", Val.U64(s.Links)),
        ("size", Val.U64(s.Size)),
        ("data-access-timestamp", Val.Some(WasiClocks.DateTime(s.Accessed))),
        ("data-modification-timestamp", Val.Some(WasiClocks.DateTime(s.Modified))),
        ("status-change-timestamp", Val.Some(WasiClocks.DateTime(s.Changed))));

    private static Val Hash(FileStat s, ulong low, ulong high) =>
        Val.Record(("lower", Val.U64(s.Inode ^ low)), ("upper", Val.U64(s.Device ^ high)));

    // preview1 fstflags: ATIM, ATIM_NOW, MTIM, MTIM_NOW.
    private static (ulong Atim, ulong Mtim, uint Flags) Times(Val access, Val modification)
    {
        ulong atim = 0, mtim = 0;
        uint flags = 0;
        switch (access.Text)
        {
            case "now": flags |= 2; break;
            case "timestamp": flags |= 1; atim = Nanoseconds(access.Payload!); break;
        }
        switch (modification.Text)
        {
            case "now": flags |= 8; break;
            case "timestamp": flags |= 4; mtim = Nanoseconds(modification.Payload!); break;
        }
        return (atim, mtim, flags);
    }

    private static ulong Nanoseconds(Val datetime) =>
        datetime.Items[0].AsU64() * 1_000_000_000 + datetime.Items[1].AsU32();

    private static Val OpenAt(WasiPreview2Context cx, Descriptor dir, Val[] a)
    {
        if (!dir.IsDirectory) return Err(WasiErrno.NotDir);
        var open = a[3].Names;
        var flags = a[4].Names;
        bool read = flags.Contains("read"), write = flags.Contains("write"), mutate = flags.Contains("mutate-directory");
        bool create = open.Contains("create"), directory = open.Contains("directory"), truncate = open.Contains("truncate");
        if (!dir.CanMutate && (write || mutate || create || truncate)) return Err(WasiErrno.Perm);
        var e = WasiPreview2Context.Path(a[2], out var path);
        if (e != WasiErrno.Success) return Err(e);
        uint oflags = (create ? WasiFlags.OCreat : 0) | (directory ? WasiFlags.ODirectory : 0)
            | (open.Contains("exclusive") ? WasiFlags.OExcl : 0) | (truncate ? WasiFlags.OTrunc : 0);
        uint fdflags = (flags.Contains("file-integrity-sync") ? WasiFlags.FdSync : 0)
            | (flags.Contains("data-integrity-sync") ? WasiFlags.FdDsync : 0)
            | (flags.Contains("requested-write-sync") ? WasiFlags.FdRsync : 0);
        uint access = (read ? WasiSys.AccessRead : 0) | (write ? WasiSys.AccessWrite : 0);
        // A directory is opened for reading whatever the flags say (its writes are path operations).
        if (directory || access == 0) access = WasiSys.AccessRead;
        int fd = Beneath.Open(dir.Fd, path, oflags, fdflags, access, Follow(a[1]));
        if (fd < 0) return Err(WasiSys.Errno(fd));
        using var handle = new HostFdHandle(fd, ownsHandle: true);
        var type = SandboxPaths.TypeOf(fd);
        bool isDir = type == WasiFileType.Directory;
        var opened = new Descriptor(handle, type, read: read || isDir, write: write && !isDir, mutate: isDir && mutate && dir.CanMutate);
        return Val.Ok(cx.Own(cx.Types.Descriptor, opened));
    }

    /// <summary>A directory's listing as read when the stream was made, handed out one entry at a time.</summary>
    private sealed class DirectoryEntryStream(List<DirectoryEntry> entries)
    {
        private int _next;

        public DirectoryEntry? Next() => _next < entries.Count ? entries[_next++] : null;
    }
}
