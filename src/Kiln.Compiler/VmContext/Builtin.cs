namespace Kiln.Compiler.VmContext;

/// <summary>
/// Runtime routines generated code calls through the engine's builtins table (an array of native function
/// pointers, indexed by this enum, pointed to by the VMContext header). Every builtin takes the caller's
/// vmctx first; <see cref="BuiltinSignatures"/> has the rest. Builtins are C# <c>UnmanagedCallersOnly</c>
/// functions, which cannot unwind, so the ones that can fail return an i32 status (0 = ok) and the caller
/// traps with <see cref="BuiltinSignatures.FailureTrap"/>. Append only: the numbers are an ABI.
/// </summary>
public enum Builtin
{
    /// <summary>(mem: i32, delta_pages: i32) -> old pages or -1.</summary>
    MemoryGrow,

    /// <summary>(mem, dst, value, len) -> status (heap_out_of_bounds).</summary>
    MemoryFill,

    /// <summary>(dst_mem, src_mem, dst, src, len) -> status (heap_out_of_bounds).</summary>
    MemoryCopy,

    /// <summary>(mem, data, dst, src, len) -> status (heap_out_of_bounds; a dropped segment has length 0).</summary>
    MemoryInit,

    /// <summary>(data).</summary>
    DataDrop,

    /// <summary>(table, init: iptr, delta) -> old size or -1.</summary>
    TableGrow,

    /// <summary>(table, dst, value: iptr, len) -> status (table_out_of_bounds).</summary>
    TableFill,

    /// <summary>(dst_table, src_table, dst, src, len) -> status (table_out_of_bounds).</summary>
    TableCopy,

    /// <summary>(table, elem, dst, src, len) -> status (table_out_of_bounds).</summary>
    TableInit,

    /// <summary>(elem).</summary>
    ElemDrop,

    /// <summary>(tag: i32, payload: iptr) -> exnref: a new exception of the instance's tag, its payload copied from
    /// 8-byte slots (exception handling).</summary>
    ExnNew,

    /// <summary>(exn: iptr, tag: i32) -> i32: 1 when the exception's tag is the instance's tag (by identity).</summary>
    ExnMatches,

    /// <summary>(exn: iptr, out: iptr): writes the payload into 8-byte slots.</summary>
    ExnPayload,

    /// <summary>(exn: iptr): never returns; unwinds to the nearest landing site (runtime-native kilnrt_throw).</summary>
    ExnThrow,

    /// <summary>() -> exnref: in landing code, the exception being delivered (kilnrt_exception_caught).</summary>
    ExnCaught,

    /// <summary>(dst: iptr, src: iptr, len: iptr): memmove of host addresses (runtime-native kilnrt_memory_move);
    /// <c>memory.copy</c> of 32-bit memories checks both ranges inline, then calls this without entering managed code.</summary>
    MemoryMove,
}
