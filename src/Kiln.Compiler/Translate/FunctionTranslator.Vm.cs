using Kiln.Compiler.VmContext;
using Kiln.IR;
using Kiln.IR.Building;

namespace Kiln.Compiler.Translate;

/// <summary>
/// Values derived from the vmctx that cannot change during a call: the pointers to memory and table
/// definitions, a memory's base (32-bit memories never move), imported globals' slots, the builtins table
/// and the type-id array. Each is loaded once, at the top of the entry block (which dominates every use),
/// the first time the function needs it; dead ones are removed by DCE.
/// </summary>
public sealed partial class FunctionTranslator
{
    /// <summary>Inserts at the top of the entry block, before whatever is there now.</summary>
    private InstBuilder EntryIns(Inst anchor) =>
        anchor.IsValid ? InstBuilder.Before(func, anchor) : InstBuilder.AtEnd(func, func.Entry);

    private Inst EntryAnchor() => func.Layout.FirstInst(func.Entry);

    private Value LoadFromVmctx(int offset) =>
        EntryIns(EntryAnchor()).Load(IrType.IPtr, TrapCode.None, vmctx, offset);

    private Value MemoryDefinition(uint mem)
    {
        if (!memDefs.TryGet(mem, out var v))
        {
            v = LoadFromVmctx(layout.MemoryOffset(mem));
            memDefs.Set(mem, v);
        }
        return v;
    }

    private Value MemoryBase(uint mem)
    {
        if (!memBases.TryGet(mem, out var v))
        {
            var def = MemoryDefinition(mem);
            // Right after the definition pointer's load, which must come first.
            var next = func.Layout.NextInst(func.Dfg.DefiningInst(def));
            v = EntryIns(next).Load(IrType.IPtr, TrapCode.None, def, VMMemoryDefinition.Base);
            memBases.Set(mem, v);
        }
        return v;
    }

    private Value TableDefinition(uint table)
    {
        if (!tableDefs.TryGet(table, out var v))
        {
            v = LoadFromVmctx(layout.TableOffset(table));
            tableDefs.Set(table, v);
        }
        return v;
    }

    private Value ImportedGlobalSlot(uint global)
    {
        if (!globalPtrs.TryGet(global, out var v))
        {
            v = LoadFromVmctx(layout.GlobalOffset(global));
            globalPtrs.Set(global, v);
        }
        return v;
    }

    private Value BuiltinsTable()
    {
        if (!builtinsTable.IsValid)
        {
            builtinsTable = LoadFromVmctx(VmContextLayout.BuiltinsOffset);
        }
        return builtinsTable;
    }

    private Value TypeIds()
    {
        if (!typeIds.IsValid)
        {
            typeIds = LoadFromVmctx(VmContextLayout.TypeIdsOffset);
        }
        return typeIds;
    }

    private SigRef TypeSig(uint typeIndex)
    {
        if (!typeSigs.TryGet(typeIndex, out var s))
        {
            s = func.ImportSignature(env.TypeSignature(typeIndex));
            typeSigs.Set(typeIndex, s);
        }
        return s;
    }

    /// <summary>Calls a builtin through the builtins table; traps on a non-zero status for those that can fail.
    /// Returns the first result (or None).</summary>
    private Value CallBuiltin(Builtin builtin, ReadOnlySpan<Value> args)
    {
        if (!builtinSigs.TryGet((uint)builtin, out var sig))
        {
            sig = func.ImportSignature(BuiltinSignatures.Of(builtin));
            builtinSigs.Set((uint)builtin, sig);
        }
        var fp = b.Ins().Load(IrType.IPtr, TrapCode.None, BuiltinsTable(), (int)builtin * VmContextLayout.PointerSize);
        var call = b.Ins().CallIndirect(sig, fp, args);
        var result = func.Dfg.FirstResult(call);
        var trap = BuiltinSignatures.FailureTrap(builtin);
        if (trap != TrapCode.None)
        {
            b.Ins().Trapnz(result, trap);
            return Value.None;
        }
        return result;
    }
}
