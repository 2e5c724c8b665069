using System.Runtime.InteropServices;

namespace Kiln.Runtime.Builtins;

/// <summary>
/// The builtins generated code calls through the builtins table, with exactly the signatures of
/// <c>BuiltinSignatures</c> (vmctx first; i32 operands as 32-bit integers, iptr as nint). They find the instance
/// through the VMContext's instance handle. Status results: 0 = ok, non-zero = the builtin's failure trap.
/// They never let an exception escape (that would tear through native frames): an unexpected one is kept in
/// the store as the trap's cause and reported as failure.
/// </summary>
internal static class BuiltinFunctions
{
    /// <summary>Status: success.</summary>
    public const int Ok = 0;

    /// <summary>Status: out of bounds (or an unexpected error); the caller traps.</summary>
    public const int Failed = 1;

    [UnmanagedCallersOnly]
    public static int MemoryGrow(nint vmctx, int memory, int deltaPages)
    {
        Instance? instance = null;
        try
        {
            instance = Instance.FromVmctx(vmctx);
            return MemoryOps.Grow(instance, (uint)memory, (uint)deltaPages);
        }
        catch (Exception e)
        {
            Stash(instance, e);
            return -1;
        }
    }

    [UnmanagedCallersOnly]
    public static int MemoryFill(nint vmctx, int memory, int dst, int value, int length)
    {
        Instance? instance = null;
        try
        {
            instance = Instance.FromVmctx(vmctx);
            return Status(MemoryOps.Fill(instance, (uint)memory, (uint)dst, (byte)value, (uint)length));
        }
        catch (Exception e)
        {
            return Stash(instance, e);
        }
    }

    [UnmanagedCallersOnly]
    public static int MemoryCopy(nint vmctx, int dstMemory, int srcMemory, int dst, int src, int length)
    {
        Instance? instance = null;
        try
        {
            instance = Instance.FromVmctx(vmctx);
            return Status(MemoryOps.Copy(instance, (uint)dstMemory, (uint)srcMemory, (uint)dst, (uint)src, (uint)length));
        }
        catch (Exception e)
        {
            return Stash(instance, e);
        }
    }

    [UnmanagedCallersOnly]
    public static int MemoryInit(nint vmctx, int memory, int data, int dst, int src, int length)
    {
        Instance? instance = null;
        try
        {
            instance = Instance.FromVmctx(vmctx);
            return Status(MemoryOps.Init(instance, (uint)memory, (uint)data, (uint)dst, (uint)src, (uint)length));
        }
        catch (Exception e)
        {
            return Stash(instance, e);
        }
    }

    [UnmanagedCallersOnly]
    public static void DataDrop(nint vmctx, int data)
    {
        Instance? instance = null;
        try
        {
            instance = Instance.FromVmctx(vmctx);
            MemoryOps.DataDrop(instance, (uint)data);
        }
        catch (Exception e)
        {
            Stash(instance, e);
        }
    }

    [UnmanagedCallersOnly]
    public static int TableGrow(nint vmctx, int table, nint init, int delta)
    {
        Instance? instance = null;
        try
        {
            instance = Instance.FromVmctx(vmctx);
            return TableOps.Grow(instance, (uint)table, init, (uint)delta);
        }
        catch (Exception e)
        {
            Stash(instance, e);
            return -1;
        }
    }

    [UnmanagedCallersOnly]
    public static int TableFill(nint vmctx, int table, int dst, nint value, int length)
    {
        Instance? instance = null;
        try
        {
            instance = Instance.FromVmctx(vmctx);
            return Status(TableOps.Fill(instance, (uint)table, (uint)dst, value, (uint)length));
        }
        catch (Exception e)
        {
            return Stash(instance, e);
        }
    }

    [UnmanagedCallersOnly]
    public static int TableCopy(nint vmctx, int dstTable, int srcTable, int dst, int src, int length)
    {
        Instance? instance = null;
        try
        {
            instance = Instance.FromVmctx(vmctx);
            return Status(TableOps.Copy(instance, (uint)dstTable, (uint)srcTable, (uint)dst, (uint)src, (uint)length));
        }
        catch (Exception e)
        {
            return Stash(instance, e);
        }
    }

    [UnmanagedCallersOnly]
    public static int TableInit(nint vmctx, int table, int element, int dst, int src, int length)
    {
        Instance? instance = null;
        try
        {
            instance = Instance.FromVmctx(vmctx);
            return Status(TableOps.Init(instance, (uint)table, (uint)element, (uint)dst, (uint)src, (uint)length));
        }
        catch (Exception e)
        {
            return Stash(instance, e);
        }
    }

    [UnmanagedCallersOnly]
    public static void ElemDrop(nint vmctx, int element)
    {
        Instance? instance = null;
        try
        {
            instance = Instance.FromVmctx(vmctx);
            TableOps.ElemDrop(instance, (uint)element);
        }
        catch (Exception e)
        {
            Stash(instance, e);
        }
    }

    private static int Status(bool ok) => ok ? Ok : Failed;

    private static int Stash(Instance? instance, Exception e)
    {
        if (instance is not null)
            instance.Store.PendingException = e;
        return Failed;
    }
}
