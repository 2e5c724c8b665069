namespace Kiln.Runtime.Wasi.Preview2;

/// <summary><c>wasi:io</c>: error, poll and streams.</summary>
internal static class WasiIo
{
    public static void Define(ComponentLinker linker, WasiPreview2Context cx)
    {
        var t = cx.Types;
        WasiPreview2.Interface(linker, "wasi:io/error")
            .DefineResource("error", t.Error)
            .DefineFunc("[method]error.to-debug-string", a => Val.String(cx.Get<IoError>(a[0]).DebugString));

        WasiPreview2.Interface(linker, "wasi:io/poll")
            .DefineResource("pollable", t.Pollable)
            .DefineFunc("[method]pollable.ready", a => Val.Bool(cx.Get<Pollable>(a[0]).IsReady(cx)))
            .DefineFunc("[method]pollable.block", a => { PollWait.Wait(cx, [cx.Get<Pollable>(a[0])]); return null; })
            .DefineFunc("poll", a =>
            {
                var items = a[0].Items;
                var pollables = new Pollable[items.Count];
                for (int i = 0; i < pollables.Length; i++) pollables[i] = cx.Get<Pollable>(items[i]);
                var ready = PollWait.Wait(cx, pollables);
                var result = new Val[ready.Count];
                for (int i = 0; i < result.Length; i++) result[i] = Val.U32(ready[i]);
                return Val.List(result);
            });

        var streams = WasiPreview2.Interface(linker, "wasi:io/streams")
            .DefineResource("error", t.Error)
            .DefineResource("pollable", t.Pollable)
            .DefineResource("input-stream", t.InputStream)
            .DefineResource("output-stream", t.OutputStream);
        streams
            .DefineFunc("[method]input-stream.read", a => Read(cx, a, blocking: false))
            .DefineFunc("[method]input-stream.blocking-read", a => Read(cx, a, blocking: true))
            .DefineFunc("[method]input-stream.skip", a => Skip(cx, a, blocking: false))
            .DefineFunc("[method]input-stream.blocking-skip", a => Skip(cx, a, blocking: true))
            .DefineFunc("[method]input-stream.subscribe", a => cx.Own(t.Pollable, cx.Get<InputStream>(a[0]).Subscribe()))
            .DefineFunc("[method]output-stream.check-write", a => { cx.Get<OutputStream>(a[0]); return Val.Ok(Val.U64(OutputStream.Permit)); })
            .DefineFunc("[method]output-stream.write", a => Written(cx, cx.Get<OutputStream>(a[0]).Write(WasiPreview2Context.Bytes(a[1]))))
            .DefineFunc("[method]output-stream.blocking-write-and-flush", a =>
            {
                var s = cx.Get<OutputStream>(a[0]);
                var e = s.Write(WasiPreview2Context.Bytes(a[1]));
                return Written(cx, e == WasiErrno.Success ? s.Flush() : e);
            })
            .DefineFunc("[method]output-stream.flush", a => Written(cx, cx.Get<OutputStream>(a[0]).Flush()))
            .DefineFunc("[method]output-stream.blocking-flush", a => Written(cx, cx.Get<OutputStream>(a[0]).Flush()))
            .DefineFunc("[method]output-stream.subscribe", a => cx.Own(t.Pollable, cx.Get<OutputStream>(a[0]).Subscribe()))
            .DefineFunc("[method]output-stream.write-zeroes", a => WriteZeroes(cx, a))
            .DefineFunc("[method]output-stream.blocking-write-zeroes-and-flush", a => WriteZeroes(cx, a))
            .DefineFunc("[method]output-stream.splice", a => Splice(cx, a, blocking: false))
            .DefineFunc("[method]output-stream.blocking-splice", a => Splice(cx, a, blocking: true));
    }

    /// <summary><c>stream-error</c>: <c>closed</c> for the end of a stream or a broken pipe, otherwise
    /// <c>last-operation-failed</c> with an error resource saying why.</summary>
    public static Val StreamError(WasiPreview2Context cx, WasiErrno? error) =>
        error is null or WasiErrno.Pipe ? Val.Variant("closed") : Val.Variant("last-operation-failed", cx.Own(cx.Types.Error, new IoError(error.Value)));

    private static Val Written(WasiPreview2Context cx, WasiErrno e) => e == WasiErrno.Success ? Val.Ok() : Val.Err(StreamError(cx, e));

    private static Val Read(WasiPreview2Context cx, Val[] a, bool blocking)
    {
        var s = cx.Get<InputStream>(a[0]);
        var bytes = s.Read(a[1].AsU64(), blocking, out var e);
        if (bytes is null) return Val.Err(StreamError(cx, e == WasiErrno.Success ? null : e));
        return Val.Ok(WasiPreview2Context.ByteList(bytes));
    }

    private static Val Skip(WasiPreview2Context cx, Val[] a, bool blocking)
    {
        var s = cx.Get<InputStream>(a[0]);
        var bytes = s.Read(a[1].AsU64(), blocking, out var e);
        if (bytes is null) return Val.Err(StreamError(cx, e == WasiErrno.Success ? null : e));
        return Val.Ok(Val.U64((ulong)bytes.Length));
    }

    private static Val WriteZeroes(WasiPreview2Context cx, Val[] a)
    {
        var s = cx.Get<OutputStream>(a[0]);
        ulong n = a[1].AsU64();
        if (n > OutputStream.Permit) throw new InvalidOperationException($"wasi: write-zeroes of {n} bytes, more than check-write permits");
        var e = s.Write(new byte[n]);
        return Written(cx, e == WasiErrno.Success ? s.Flush() : e);
    }

    private static Val Splice(WasiPreview2Context cx, Val[] a, bool blocking)
    {
        var to = cx.Get<OutputStream>(a[0]);
        var from = cx.Get<InputStream>(a[1]);
        var bytes = from.Read(Math.Min(a[2].AsU64(), OutputStream.Permit), blocking, out var e);
        if (bytes is null) return Val.Err(StreamError(cx, e == WasiErrno.Success ? null : e));
        var w = to.Write(bytes);
        return w == WasiErrno.Success ? Val.Ok(Val.U64((ulong)bytes.Length)) : Val.Err(StreamError(cx, w));
    }
}
