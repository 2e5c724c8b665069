using System.Runtime.InteropServices;

namespace Kiln.Runtime.Internal;

/// <summary>
/// Owns a weak GCHandle that native data carries as an opaque pointer (a VMContext's instance handle, a host
/// function's context). Weak, so the handle never keeps a store alive by itself: while wasm runs, the caller
/// holds the objects. A SafeHandle, so it is freed by the store or, failing that, the finalizer.
/// </summary>
internal sealed class HandleOwner : SafeHandle
{
    public HandleOwner(object target)
        : base(0, ownsHandle: true)
    {
        SetHandle(GCHandle.ToIntPtr(GCHandle.Alloc(target, GCHandleType.Weak)));
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>The pointer-sized value to store in native data.</summary>
    public nint Value
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return handle;
        }
    }

    /// <summary>The object behind a value from <see cref="Value"/>, or null if it is gone.</summary>
    public static T? Resolve<T>(nint value)
        where T : class => value == 0 ? null : GCHandle.FromIntPtr(value).Target as T;

    protected override bool ReleaseHandle()
    {
        GCHandle.FromIntPtr(handle).Free();
        return true;
    }
}
