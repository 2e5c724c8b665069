using Kiln.IR;
using Kiln.Compiler.Traps;

namespace Kiln.Compiler.VmContext;

/// <summary>IR signatures of the builtins (vmctx first) and the trap a non-zero status means, as tables indexed by <see cref="Builtin"/>.</summary>
public static class BuiltinSignatures
{
    private const IrType P = IrType.IPtr, I = IrType.I32;

    private static readonly Signature[] Table =
    [
        new([P, I, I], [I]),            // memory_grow
        new([P, I, I, I, I], [I]),      // memory_fill
        new([P, I, I, I, I, I], [I]),   // memory_copy
        new([P, I, I, I, I, I], [I]),   // memory_init
        new([P, I], []),                // data_drop
        new([P, I, P, I], [I]),         // table_grow
        new([P, I, I, P, I], [I]),      // table_fill
        new([P, I, I, I, I, I], [I]),   // table_copy
        new([P, I, I, I, I, I], [I]),   // table_init
        new([P, I], []),                // elem_drop
        new([P, I, P], [P]),            // exn_new
        new([P, P, I], [I]),            // exn_matches
        new([P, P, P], []),             // exn_payload
        new([P, P], []),                // exn_throw
        new([P], [P]),                  // exn_caught
        new([P, P, P, P], []),          // memory_move
    ];

    // TrapCode.None: the builtin cannot fail, its result (if any) is a value.
    private static readonly TrapCode[] Traps =
    [
        TrapCode.None, TrapCode.HeapOutOfBounds, TrapCode.HeapOutOfBounds, TrapCode.HeapOutOfBounds, TrapCode.None,
        TrapCode.None, WasmTrap.TableOutOfBounds.Code(), WasmTrap.TableOutOfBounds.Code(), WasmTrap.TableOutOfBounds.Code(), TrapCode.None,
        TrapCode.None, TrapCode.None, TrapCode.None, TrapCode.None, TrapCode.None,
        TrapCode.None,
    ];

    private static readonly string[] Names =
    [
        "memory_grow", "memory_fill", "memory_copy", "memory_init", "data_drop",
        "table_grow", "table_fill", "table_copy", "table_init", "elem_drop",
        "exn_new", "exn_matches", "exn_payload", "exn_throw", "exn_caught",
        "memory_move",
    ];

    public static int Count => Table.Length;

    /// <summary>The shared signature object; treat it as immutable.</summary>
    public static Signature Of(Builtin b) => Table[(int)b];

    /// <summary>The trap for a non-zero status, or <see cref="TrapCode.None"/> when the builtin returns a value instead.</summary>
    public static TrapCode FailureTrap(Builtin b) => Traps[(int)b];

    public static string Name(Builtin b) => Names[(int)b];
}
