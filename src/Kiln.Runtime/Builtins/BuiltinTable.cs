using System.Runtime.InteropServices;
using Kiln.Compiler.VmContext;

namespace Kiln.Runtime.Builtins;

/// <summary>
/// The native array of builtin function pointers, indexed by <see cref="Builtin"/>, that every VMContext header
/// points to. One per process (the functions are static), allocated once and never freed, so no VMContext can
/// outlive it.
/// </summary>
internal static unsafe class BuiltinTable
{
    private static readonly nint s_address = Create();

    public static nint Address => s_address;

    /// <summary>The function pointer for <paramref name="builtin"/>.</summary>
    public static nint Get(Builtin builtin) => ((nint*)s_address)[(int)builtin];

    private static nint Create()
    {
        int count = BuiltinSignatures.Count;
        var table = (nint*)NativeMemory.AllocZeroed((nuint)count, (nuint)sizeof(nint));
        table[(int)Builtin.MemoryGrow] = (nint)(delegate* unmanaged<nint, int, int, int>)&BuiltinFunctions.MemoryGrow;
        table[(int)Builtin.MemoryFill] = (nint)(delegate* unmanaged<nint, int, int, int, int, int>)&BuiltinFunctions.MemoryFill;
        table[(int)Builtin.MemoryCopy] = (nint)(delegate* unmanaged<nint, int, int, int, int, int, int>)&BuiltinFunctions.MemoryCopy;
        table[(int)Builtin.MemoryInit] = (nint)(delegate* unmanaged<nint, int, int, int, int, int, int>)&BuiltinFunctions.MemoryInit;
        table[(int)Builtin.DataDrop] = (nint)(delegate* unmanaged<nint, int, void>)&BuiltinFunctions.DataDrop;
        table[(int)Builtin.TableGrow] = (nint)(delegate* unmanaged<nint, int, nint, int, int>)&BuiltinFunctions.TableGrow;
        table[(int)Builtin.TableFill] = (nint)(delegate* unmanaged<nint, int, int, nint, int, int>)&BuiltinFunctions.TableFill;
        table[(int)Builtin.TableCopy] = (nint)(delegate* unmanaged<nint, int, int, int, int, int, int>)&BuiltinFunctions.TableCopy;
        table[(int)Builtin.TableInit] = (nint)(delegate* unmanaged<nint, int, int, int, int, int, int>)&BuiltinFunctions.TableInit;
        table[(int)Builtin.ElemDrop] = (nint)(delegate* unmanaged<nint, int, void>)&BuiltinFunctions.ElemDrop;
        table[(int)Builtin.ExnNew] = (nint)(delegate* unmanaged<nint, int, nint, nint>)&ExceptionBuiltins.ExnNew;
        table[(int)Builtin.ExnMatches] = (nint)(delegate* unmanaged<nint, nint, int, int>)&ExceptionBuiltins.ExnMatches;
        table[(int)Builtin.ExnPayload] = (nint)(delegate* unmanaged<nint, nint, nint, void>)&ExceptionBuiltins.ExnPayload;
        // The unwinder is native code (it must jump into wasm frames, which a managed frame cannot do).
        table[(int)Builtin.ExnThrow] = Native.NativeRuntime.GetExport("kilnrt_throw");
        table[(int)Builtin.ExnCaught] = Native.NativeRuntime.GetExport("kilnrt_exception_caught");
        // memory.copy's copy, after inline bounds checks: native, so no managed transition per copy.
        table[(int)Builtin.MemoryMove] = Native.NativeRuntime.GetExport("kilnrt_memory_move");
        for (int i = 0; i < count; i++)
        {
            if (table[i] == 0)
                throw new InvalidOperationException($"builtin {(Builtin)i} has no implementation");
        }
        return (nint)table;
    }
}
