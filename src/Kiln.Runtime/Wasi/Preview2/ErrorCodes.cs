namespace Kiln.Runtime.Wasi.Preview2;

/// <summary>
/// <c>wasi:filesystem/types.error-code</c> case names of the host's errnos (which the shared sandbox layer returns
/// as preview1 errnos). An escape from the sandbox (ENOTCAPABLE) is <c>not-permitted</c>, as Wasmtime reports it;
/// errnos with no case of their own are <c>io</c>.
/// </summary>
internal static class ErrorCodes
{
    private static readonly string?[] ByErrno = Build();

    public static string Of(WasiErrno errno) =>
        (int)errno < ByErrno.Length && ByErrno[(int)errno] is { } name ? name : "io";

    public static Val Val(WasiErrno errno) => Kiln.Runtime.Val.Enum(Of(errno));

    private static string?[] Build()
    {
        var t = new string?[(int)WasiErrno.NotCapable + 1];
        (WasiErrno, string)[] rows =
        [
            (WasiErrno.Access, "access"), (WasiErrno.Again, "would-block"), (WasiErrno.Already, "already"),
            (WasiErrno.BadF, "bad-descriptor"), (WasiErrno.Busy, "busy"), (WasiErrno.DeadLk, "deadlock"),
            (WasiErrno.DQuot, "quota"), (WasiErrno.Exist, "exist"), (WasiErrno.FBig, "file-too-large"),
            (WasiErrno.IlSeq, "illegal-byte-sequence"), (WasiErrno.InProgress, "in-progress"),
            (WasiErrno.Intr, "interrupted"), (WasiErrno.Inval, "invalid"), (WasiErrno.Io, "io"),
            (WasiErrno.IsDir, "is-directory"), (WasiErrno.Loop, "loop"), (WasiErrno.MLink, "too-many-links"),
            (WasiErrno.MsgSize, "message-size"), (WasiErrno.NameTooLong, "name-too-long"), (WasiErrno.NoDev, "no-device"),
            (WasiErrno.NoEnt, "no-entry"), (WasiErrno.NoLck, "no-lock"), (WasiErrno.NoMem, "insufficient-memory"),
            (WasiErrno.NoSpc, "insufficient-space"), (WasiErrno.NotDir, "not-directory"), (WasiErrno.NotEmpty, "not-empty"),
            (WasiErrno.NotRecoverable, "not-recoverable"), (WasiErrno.NotSup, "unsupported"), (WasiErrno.NoSys, "unsupported"),
            (WasiErrno.NoTty, "no-tty"), (WasiErrno.NxIo, "no-such-device"), (WasiErrno.Overflow, "overflow"),
            (WasiErrno.Perm, "not-permitted"), (WasiErrno.Pipe, "pipe"), (WasiErrno.RoFs, "read-only"),
            (WasiErrno.SPipe, "invalid-seek"), (WasiErrno.TxtBsy, "text-file-busy"), (WasiErrno.XDev, "cross-device"),
            (WasiErrno.NotCapable, "not-permitted"), (WasiErrno.MFile, "insufficient-memory"),
            (WasiErrno.NFile, "insufficient-memory"),
        ];
        foreach (var (errno, name) in rows) t[(int)errno] = name;
        return t;
    }
}
