using System.Runtime.InteropServices;

namespace Kiln.Runtime.Builtins;

/// <summary>
/// The managed half of exception handling (the unwinder is native: kilnrt_throw). Exceptions live in the store
/// and generated code holds them by exnref handle; tags are compared by identity through the instance's tag
/// array, so an imported tag matches the exporter's. None of these may throw: an unexpected error is stashed as
/// the store's pending exception and answered with a neutral value (null exception, no match).
/// </summary>
internal static unsafe class ExceptionBuiltins
{
    [UnmanagedCallersOnly]
    public static nint ExnNew(nint vmctx, int tag, nint payload)
    {
        Instance? instance = null;
        try
        {
            instance = Instance.FromVmctx(vmctx);
            var t = instance.Tags[tag];
            var values = new ulong[t.Type.Params.Length];
            if (values.Length > 0)
                new ReadOnlySpan<ulong>((void*)payload, values.Length).CopyTo(values);
            return instance.Store.ExceptionToRaw(new ExceptionObject(t, values));
        }
        catch (Exception e)
        {
            if (instance is not null)
                instance.Store.PendingException = e;
            return 0;
        }
    }

    [UnmanagedCallersOnly]
    public static int ExnMatches(nint vmctx, nint exn, int tag)
    {
        try
        {
            var instance = Instance.FromVmctx(vmctx);
            var e = instance.Store.ExceptionFromRaw(exn);
            return e is not null && ReferenceEquals(e.Tag, instance.Tags[tag]) ? 1 : 0;
        }
        catch (Exception)
        {
            return 0;
        }
    }

    [UnmanagedCallersOnly]
    public static void ExnPayload(nint vmctx, nint exn, nint output)
    {
        try
        {
            var instance = Instance.FromVmctx(vmctx);
            if (instance.Store.ExceptionFromRaw(exn) is { } e)
                e.RawPayload.CopyTo(new Span<ulong>((void*)output, e.RawPayload.Length));
        }
        catch (Exception)
        {
            // Matches said yes for this exception, so this cannot fail short of a corrupted handle.
        }
    }
}
