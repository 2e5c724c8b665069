using Kiln.Wasm.Binary;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.Component.Linking;

/// <summary>
/// Gives an adapter a stack of its own. An adapter shares the program's memory (it imports <c>env.memory</c>), so its
/// shadow stack must not be the program's: a start function (<c>allocate_stack</c>, as wit-component injects)
/// allocates <see cref="StackSize"/> bytes through <c>cabi_realloc</c> — the program's, or one growing memory by whole
/// pages when the program exports none — and points the stack pointer at its top. An <c>allocation_state</c> global
/// (the Rust preview1 adapter's) is stepped 0 → 1 → 2 around the allocation as that adapter expects.
/// </summary>
public static class AdapterStack
{
    public const int StackSize = 65536;
    public const string AllocationStateName = "allocation_state";
    public static readonly FuncType ReallocType = new([ValType.I32, ValType.I32, ValType.I32, ValType.I32], [ValType.I32]);

    /// <summary>A <c>cabi_realloc</c> body that only allocates (old pointer 0) by growing memory 0 by whole pages.</summary>
    public static (LocalGroup[] Locals, byte[] Code) MemoryGrowRealloc()
    {
        var w = new WasmWriter();
        var c = new CodeWriter(w);
        // Only fresh allocations: a non-zero old pointer cannot be resized here.
        c.Emit(Opcode.LocalGet, 0);
        c.Block(Opcode.If, BlockType.Empty);
        c.Emit(Opcode.Unreachable);
        c.End();
        c.Emit(Opcode.LocalGet, 3);
        c.I32Const(0xFFFF);
        c.Emit(Opcode.I32Add);
        c.I32Const(16);
        c.Emit(Opcode.I32ShrU);
        c.Emit(Opcode.MemoryGrow, 0);
        c.Emit(Opcode.LocalTee, 4);
        c.I32Const(-1);
        c.Emit(Opcode.I32Eq);
        c.Block(Opcode.If, BlockType.Empty);
        c.Emit(Opcode.Unreachable);
        c.End();
        c.Emit(Opcode.LocalGet, 4);
        c.I32Const(16);
        c.Emit(Opcode.I32Shl);
        c.End();
        return ([new LocalGroup(1, ValType.I32)], w.ToArray());
    }

    /// <summary>Adds <c>allocate_stack</c> to <paramref name="m"/> and makes it (before any existing start) the start
    /// function. <paramref name="realloc"/> null: a memory-growing realloc is added for it.</summary>
    public static uint Inject(WasmModule m, uint stackPointer, uint? allocationState, uint? realloc)
    {
        m.CountImports();
        uint TypeOf(FuncType t)
        {
            int i = m.Types.IndexOf(t);
            if (i >= 0) return (uint)i;
            m.Types.Add(t);
            return (uint)(m.Types.Count - 1);
        }
        uint AddFunction(FuncType t, LocalGroup[] locals, byte[] code, string name)
        {
            m.Functions.Add(TypeOf(t));
            m.Codes.Add(new FunctionBody { Locals = locals, Code = code });
            uint index = (uint)(m.ImportedFunctionCount + m.Functions.Count - 1);
            if (m.Names is { } names) names.FunctionNames[index] = name;
            return index;
        }
        if (realloc is null)
        {
            if (m.TotalMemoryCount == 0)
                throw new ComponentNewException(ComponentNewErrorKind.BadModule, "the adapter has a stack pointer but no memory to put a stack in");
            var (locals, code) = MemoryGrowRealloc();
            realloc = AddFunction(ReallocType, locals, code, "realloc_via_memory_grow");
        }
        var w = new WasmWriter();
        var c = new CodeWriter(w);
        if (allocationState is { } st)
        {
            c.Emit(Opcode.GlobalGet, st);
            c.Emit(Opcode.I32Eqz);
            c.Block(Opcode.If, BlockType.Empty);
            c.I32Const(1);
            c.Emit(Opcode.GlobalSet, st);
        }
        c.I32Const(0);
        c.I32Const(0);
        c.I32Const(16);
        c.I32Const(StackSize);
        c.Emit(Opcode.Call, realloc.Value);
        c.I32Const(StackSize);
        c.Emit(Opcode.I32Add);
        c.Emit(Opcode.GlobalSet, stackPointer);
        if (allocationState is { } st2)
        {
            c.I32Const(2);
            c.Emit(Opcode.GlobalSet, st2);
            c.End();
        }
        if (m.Start is { } oldStart) c.Emit(Opcode.Call, oldStart);
        c.End();
        uint alloc = AddFunction(FuncType.Empty, [], w.ToArray(), "allocate_stack");
        m.Start = alloc;
        return alloc;
    }
}
