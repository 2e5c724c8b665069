using Kiln.Compiler.VmContext;
using Kiln.Runtime.Builtins;
using Kiln.Runtime.Internal;
using Kiln.Wasm.Model;

namespace Kiln.Runtime;

/// <summary>
/// Builds an <see cref="Instance"/> the way the spec's instantiate does (Wasm 2.0): match imports, allocate
/// memories, tables and globals, fill the VMContext, evaluate segments, run active element segments then
/// active data segments in order (each checks bounds before writing anything, so a failing one traps with
/// earlier ones' effects kept), and finally invoke the start function.
/// </summary>
internal static unsafe class Instantiation
{
    public static Instance Run(Store store, Module module, IReadOnlyList<Extern> imports)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(imports);
        store.ThrowIfDisposed();
        if (module.Engine != store.Engine)
            throw new ArgumentException("the module was prepared for another engine than the store's", nameof(module));
        CheckImports(store, module, imports);
        store.CheckInstanceLimit();

        var source = module.Source;
        var layout = module.Layout;
        var instance = new Instance(store, module);
        store.AddInstance(instance);

        // The VMContext, with the module's canonical type ids right after it.
        var block = store.Own(NativeBlock.Allocate((nuint)(layout.Size + layout.TypeCount * sizeof(uint)), 16));
        instance.vmctx = block;
        nint vmctx = block.Address;
        nint typeIds = vmctx + layout.Size;
        module.TypeIds.CopyTo(new Span<uint>((void*)typeIds, layout.TypeCount));

        var handle = store.Own(new HandleOwner(instance));
        *(nint*)(vmctx + VmContextLayout.BuiltinsOffset) = store.Engine.BuiltinsTable;
        *(nint*)(vmctx + VmContextLayout.StoreContextOffset) = store.StoreContext;
        *(nint*)(vmctx + VmContextLayout.TypeIdsOffset) = typeIds;
        *(nint*)(vmctx + VmContextLayout.InstanceOffset) = handle.Value;

        // Imports, in their index spaces.
        int fi = 0, ti = 0, mi = 0, gi = 0, xi = 0, hostImports = 0;
        for (int i = 0; i < imports.Count; i++)
        {
            switch (imports[i])
            {
                case Func f: instance.Functions[fi++] = f; hostImports += f.IsHost ? 1 : 0; break;
                case Table t: instance.Tables[ti++] = t; break;
                case Memory m: instance.Memories[mi++] = m; break;
                case Global g: instance.Globals[gi++] = g; break;
                case Tag t: instance.Tags[xi++] = t; break;
            }
        }
        // Defined tags: fresh identities, one per instantiation.
        for (int i = 0; i < source.Tags.Count; i++)
            instance.Tags[xi + i] = new Tag(store, source.Types[(int)source.Tags[i]]);

        // Defined memories and tables (tables start out null).
        for (int i = 0; i < source.Memories.Count; i++)
            instance.Memories[mi + i] = new Memory(store, source.Memories[i]);
        for (int i = 0; i < source.Tables.Count; i++)
            instance.Tables[ti + i] = new Table(store, source.Tables[i], Value.Null(source.Tables[i].ElementType));
        for (uint i = 0; i < layout.MemoryCount; i++)
            *(nint*)(vmctx + layout.MemoryOffset(i)) = instance.Memories[i].DefinitionAddress;
        for (uint i = 0; i < layout.TableCount; i++)
            *(nint*)(vmctx + layout.TableOffset(i)) = instance.Tables[i].DefinitionAddress;

        FillFunctions(store, module, instance, vmctx, hostImports);

        // Globals: imported ones by pointer; defined ones inline, initialized in order (an initializer may
        // read imported globals and take function references, both ready by now).
        for (uint i = 0; i < layout.ImportedGlobalCount; i++)
            *(nint*)(vmctx + layout.GlobalOffset(i)) = instance.Globals[i].SlotAddress;
        for (int i = 0; i < source.Globals.Count; i++)
        {
            uint index = (uint)(layout.ImportedGlobalCount + i);
            nint slot = vmctx + layout.GlobalOffset(index);
            var (low, high) = ConstExprEvaluator.Evaluate(instance, source.Globals[i].Init);
            ValueSlots.WriteRaw(slot, low, high);
            instance.Globals[index] = new Global(store, source.Globals[i].Type, slot);
        }

        foreach (var e in source.Exports)
        {
            instance.AddExport(e.Name, e.Kind switch
            {
                ExternalKind.Func => instance.Functions[e.Index],
                ExternalKind.Table => instance.Tables[e.Index],
                ExternalKind.Memory => instance.Memories[e.Index],
                ExternalKind.Tag => instance.Tags[e.Index],
                _ => instance.Globals[e.Index],
            });
        }

        // Segments are evaluated once; passive ones stay for table.init / memory.init.
        for (int i = 0; i < source.Elements.Count; i++)
            instance.ElementSegments[i] = EvaluateElements(instance, source.Elements[i]);
        for (int i = 0; i < source.Data.Count; i++)
            instance.DataSegments[i] = source.Data[i].Data;

        for (int i = 0; i < source.Elements.Count; i++)
        {
            var seg = source.Elements[i];
            if (seg.Mode == SegmentMode.Active)
            {
                uint offset = (uint)ConstExprEvaluator.Evaluate(instance, seg.Offset!).Low;
                var status = TableOps.Init(instance, seg.TableIndex, (uint)i, offset, 0, (uint)instance.ElementSegments[i].Length);
                if (!status)
                    throw new Trap(TrapCode.TableOutOfBounds);
            }
            if (seg.Mode != SegmentMode.Passive)
                instance.ElementSegments[i] = [];
        }
        for (int i = 0; i < source.Data.Count; i++)
        {
            var seg = source.Data[i];
            if (seg.Mode != SegmentMode.Active)
                continue;
            uint offset = (uint)ConstExprEvaluator.Evaluate(instance, seg.Offset!).Low;
            if (!MemoryOps.Init(instance, seg.MemoryIndex, (uint)i, offset, 0, (uint)seg.Data.Length))
                throw new Trap(TrapCode.HeapOutOfBounds);
            instance.DataSegments[i] = ReadOnlyMemory<byte>.Empty;
        }

        if (source.Start is { } start)
            instance.Functions[start].Call([], []);
        return instance;
    }

    /// <summary>Imported functions (VMImportedFunction and VMFuncRef), then defined ones (VMFuncRef and Func objects).</summary>
    private static void FillFunctions(Store store, Module module, Instance instance, nint vmctx, int hostImports)
    {
        var layout = module.Layout;
        var code = module.Code;
        // One VMHostFuncContext per imported host function, so the host function knows its caller.
        nint hostContexts = hostImports == 0 ? 0 : store.Own(NativeBlock.Allocate((nuint)(hostImports * VMHostFuncContext.Size))).Address;
        int hostIndex = 0;
        for (uint i = 0; i < layout.ImportedFunctionCount; i++)
        {
            var f = instance.Functions[i];
            uint typeIndex = module.Source.FunctionTypeIndex(i);
            nint calleeCode, calleeVmctx;
            if (f.IsHost)
            {
                calleeVmctx = hostContexts + hostIndex++ * VMHostFuncContext.Size;
                HostCallTarget.WriteContext(f, instance, calleeVmctx);
                calleeCode = code?.WasmToHostTrampoline(typeIndex) ?? 0;
                if (calleeCode == 0)
                    calleeCode = store.Engine.HostTrampoline(f.TypeId);
            }
            else
            {
                nint r = f.FuncRefAddress;
                calleeCode = *(nint*)(r + VMFuncRef.Code);
                calleeVmctx = *(nint*)(r + VMFuncRef.Vmctx);
            }
            nint import = vmctx + layout.ImportedFunctionOffset(i);
            *(nint*)(import + VMImportedFunction.Code) = calleeCode;
            *(nint*)(import + VMImportedFunction.Vmctx) = calleeVmctx;
            nint funcRef = vmctx + layout.FuncRefOffset(i);
            WriteFuncRef(funcRef, calleeCode, calleeVmctx, module.TypeId(typeIndex));
            store.RegisterFuncRef(funcRef, f);
        }
        for (uint i = (uint)layout.ImportedFunctionCount; i < layout.FunctionCount; i++)
        {
            uint typeIndex = module.Source.FunctionTypeIndex(i);
            nint funcRef = vmctx + layout.FuncRefOffset(i);
            WriteFuncRef(funcRef, code?.FunctionCode(i) ?? 0, vmctx, module.TypeId(typeIndex));
            instance.Functions[i] = new Func(instance, i, module.Source.Types[(int)typeIndex], module.TypeId(typeIndex), funcRef);
        }
    }

    private static void WriteFuncRef(nint funcRef, nint code, nint vmctx, uint typeId)
    {
        *(nint*)(funcRef + VMFuncRef.Code) = code;
        *(nint*)(funcRef + VMFuncRef.Vmctx) = vmctx;
        *(uint*)(funcRef + VMFuncRef.TypeId) = typeId;
    }

    private static nint[] EvaluateElements(Instance instance, ElementSegment seg)
    {
        var items = new nint[seg.Count];
        var layout = instance.Module.Layout;
        if (seg.FunctionIndices is { } indices)
        {
            for (int j = 0; j < indices.Length; j++)
                items[j] = instance.VmContext + layout.FuncRefOffset(indices[j]);
        }
        else
        {
            for (int j = 0; j < items.Length; j++)
                items[j] = (nint)ConstExprEvaluator.Evaluate(instance, seg.Expressions![j]).Low;
        }
        return items;
    }

    private static void CheckImports(Store store, Module module, IReadOnlyList<Extern> imports)
    {
        var declared = module.Imports;
        if (imports.Count != declared.Count)
            throw new ArgumentException($"the module has {declared.Count} imports, {imports.Count} were given", nameof(imports));
        for (int i = 0; i < declared.Count; i++)
        {
            var item = imports[i] ?? throw new ArgumentNullException(nameof(imports), $"import {i} is null");
            if (item.Store != store)
                throw new ArgumentException($"import {i} (\"{declared[i].ModuleName}\" \"{declared[i].Name}\") belongs to another store", nameof(imports));
            ImportMatcher.Check(module, declared[i], item);
        }
    }
}
