using Kiln.Compiler.Component;
using Kiln.Compiler.Component.Adapters;
using Kiln.Compiler.VmContext;
using Kiln.Component.Model;
using Kiln.Runtime.Components.Abi;
using Kiln.Runtime.Internal;
using Kiln.Wasm.Model;

namespace Kiln.Runtime.Components;

/// <summary>
/// One instantiation of a component: runs the plan's initializers in order over the core runtime, and holds
/// what the calls need: the VMComponentContext (flags of every run-time component instance), the core
/// instances, the memories/reallocs/post-returns named by options, resource types and handle tables.
/// </summary>
internal sealed unsafe partial class ComponentRuntime
{
    private readonly nint _context;
    private readonly List<Instance> _coreInstances = [];
    private readonly Func[] _lowerings;
    private readonly int[][] _contextSlots;

    public ComponentRuntime(Store store, Kiln.Runtime.Component component, ComponentLinker linker)
    {
        Store = store;
        Component = component;
        Plan = component.Plan;
        Layout = new VmComponentContextLayout(Plan.RuntimeInstanceCount, Plan.LoweringCount, Plan.MemoryCount,
            Plan.ReallocCount, Plan.PostReturnCount, Plan.ResourceCount);
        _context = store.Own(NativeBlock.Allocate((nuint)Layout.Size)).Address;
        *(uint*)_context = VmComponentContextLayout.Magic;
        Flags = new Global[Plan.RuntimeInstanceCount];
        Tables = new HandleTable[Plan.RuntimeInstanceCount];
        _contextSlots = new int[Plan.RuntimeInstanceCount][];
        for (int i = 0; i < Flags.Length; i++)
        {
            nint slot = _context + Layout.FlagsOffset(i);
            *(int*)slot = VmComponentContextLayout.FlagMayEnter | VmComponentContextLayout.FlagMayLeave;
            Flags[i] = new Global(store, new GlobalType(ValType.I32, true), slot);
            Tables[i] = new HandleTable();
            _contextSlots[i] = new int[2];
        }
        _lowerings = new Func[Plan.LoweringCount];
        Memories = new Memory[Plan.MemoryCount];
        Reallocs = new Func[Plan.ReallocCount];
        PostReturns = new Func[Plan.PostReturnCount];
        Resources = new object[Plan.ResourceCount];

        for (int i = 0; i < Plan.Initializers.Count; i++) Run(i, Plan.Initializers[i], linker);
    }

    public Store Store { get; }
    public Kiln.Runtime.Component Component { get; }
    public ComponentPlan Plan { get; }
    public VmComponentContextLayout Layout { get; }
    /// <summary>Each run-time component instance's flags slot, as a mutable i32 global whose storage is the context.</summary>
    public Global[] Flags { get; }
    public HandleTable[] Tables { get; }
    public Memory[] Memories { get; }
    public Func[] Reallocs { get; }
    public Func[] PostReturns { get; }
    /// <summary>Per run-time resource: a <see cref="GuestResourceType"/> or the host's <see cref="ResourceType"/>.</summary>
    public object[] Resources { get; }

    /// <summary>Address of a run-time instance's flags slot (the typed call path reads and flips it directly).</summary>
    public nint FlagsAddress(int instance) => _context + Layout.FlagsOffset(instance);

    public int GetFlags(int instance) => *(int*)(_context + Layout.FlagsOffset(instance));
    public void SetFlags(int instance, int flags) => *(int*)(_context + Layout.FlagsOffset(instance)) = flags;
    public bool Has(int instance, int flag) => (GetFlags(instance) & flag) != 0;
    public void Set(int instance, int flag, bool on) => SetFlags(instance, on ? GetFlags(instance) | flag : GetFlags(instance) & ~flag);

    private void Run(int index, GlobalInitializer init, ComponentLinker linker)
    {
        switch (init)
        {
            case InstantiateModule im:
            {
                var module = Component.CoreModules[im.Module];
                InstantiateAdapters(index);
                var args = new Extern[im.Args.Count];
                for (int i = 0; i < args.Length; i++) args[i] = Resolve(im.Args[i]);
                _coreInstances.Add(Instance.Create(Store, module, args));
                break;
            }
            case LowerImport li:
            {
                var host = linker.ResolveFunc(li.Import, Plan.Types.Func(li.Type), Plan.Types);
                var lowered = new LoweredHostFunction(this, li, host);
                _lowerings[li.Lowering] = Func.FromCallback(Store, li.Signature, lowered.Call);
                break;
            }
            case ExtractMemory em: Memories[em.Index] = (Memory)Resolve(em.Def); break;
            case ExtractRealloc er: Reallocs[er.Index] = (Func)Resolve(er.Def); break;
            case ExtractPostReturn ep: PostReturns[ep.Index] = (Func)Resolve(ep.Def); break;
            case DefineResource dr:
                Resources[dr.Resource] = new GuestResourceType(dr.Resource, dr.Instance)
                {
                    Destructor = dr.Destructor is { } d ? (Func)Resolve(d) : null,
                };
                break;
            case ImportResource ir: Resources[ir.Resource] = linker.ResolveResource(ir.Import); break;
        }
    }

    /// <summary>The core item a <see cref="CoreDef"/> names, made now for the built-ins and stand-ins.</summary>
    public Extern Resolve(CoreDef def) => def switch
    {
        CoreExportDef e => _coreInstances[e.Instance].GetExport(e.Name) ?? throw new InvalidOperationException($"core instance {e.Instance} has no export \"{e.Name}\""),
        LoweredDef l => _lowerings[l.Lowering],
        AlwaysTrapDef a => AlwaysTrap(a),
        FusedAdapterDef f => _adapters.TryGetValue(f, out var adapter) ? adapter
            : AdapterPartition.Supported(f) ? SingleAdapter(f) : FusedAdapter.Unsupported(this, f),
        ResourceBuiltinDef r => ResourceBuiltin(r),
        SimpleBuiltinDef s => SimpleBuiltin(s),
        UnsupportedBuiltinDef u => Func.FromCallback(Store, u.Signature, (_, _, _) =>
        {
            if (!Has(u.Instance, VmComponentContextLayout.FlagMayLeave)) throw ComponentTraps.CannotLeave();
            throw new ComponentFeatureNotSupportedException(CanonOpTable.Get(u.Op).Name);
        }),
        _ => throw new InvalidOperationException($"unknown core definition {def}"),
    };

    private readonly Dictionary<FusedAdapterDef, Func> _adapters = new(ReferenceEqualityComparer.Instance);

    /// <summary>The fused adapters a core instantiation imports share one adapter module (<see cref="AdapterPartition"/>):
    /// everything they import (callees, post-returns, flags, memories, reallocs) exists by then.</summary>
    private void InstantiateAdapters(int initializer)
    {
        if (Component.AdapterModuleFor(initializer) is not { } m) return;
        var funcs = FusedAdapter.Instantiate(this, m.Adapter, m.Module, m.Group.Adapters);
        for (int i = 0; i < funcs.Length; i++) _adapters[m.Group.Adapters[i]] = funcs[i];
    }

    private Func SingleAdapter(FusedAdapterDef f)
    {
        var (adapter, module) = Component.SingleAdapter(f);
        return _adapters[f] = FusedAdapter.Instantiate(this, adapter, module, [f])[0];
    }

    private Func ResourceBuiltin(ResourceBuiltinDef r)
    {
        var type = new FuncType(r.Op == CanonOp.ResourceDrop ? [ValType.I32] : [ValType.I32], r.Op == CanonOp.ResourceDrop ? [] : [ValType.I32]);
        return Func.FromCallback(Store, type, (_, args, results) =>
        {
            // resource.new and resource.drop may not run while the instance may not leave; resource.rep may
            // (definitions.py: canon_resource_rep has no may_leave check).
            if (r.Op != CanonOp.ResourceRep && !Has(r.Instance, VmComponentContextLayout.FlagMayLeave)) throw ComponentTraps.CannotLeave();
            var rt = Resources[r.Resource];
            var table = Tables[r.Instance];
            uint i = (uint)args[0].AsI32();
            switch (r.Op)
            {
                case CanonOp.ResourceNew:
                    results[0] = Value.I32((int)table.Add(new HandleEntry(rt, i, own: true)));
                    break;
                case CanonOp.ResourceRep:
                    results[0] = Value.I32((int)table.GetTyped(i, rt).Rep);
                    break;
                default:
                    DropHandle(table, i, rt);
                    break;
            }
        });
    }

    /// <summary><c>resource.drop</c>: an own runs the destructor (when its type has one); a borrow ends its lend.</summary>
    public void DropHandle(HandleTable table, uint index, object type)
    {
        var e = table.GetTyped(index, type);
        if (e.Lends != 0) throw ComponentTraps.Abi("cannot remove owned resource while borrowed");
        table.Remove(index);
        if (!e.Own)
        {
            if (e.Scope is { } s) s.Borrows--;
            return;
        }
        if (type is GuestResourceType { Destructor: { } dtor }) dtor.Call(Value.I32((int)e.Rep));
        else if (type is ResourceType { Drop: { } drop }) drop(e.Rep);
    }

    private Func SimpleBuiltin(SimpleBuiltinDef s) => Func.FromCallback(Store, s.Signature, (_, args, results) =>
    {
        switch (s.Op)
        {
            case CanonOp.ContextGet: results[0] = Value.I32(_contextSlots[s.Instance][s.Slot]); break;
            case CanonOp.ContextSet: _contextSlots[s.Instance][s.Slot] = args[0].AsI32(); break;
            default: break; // backpressure.inc/dec: nothing waits in a synchronous runtime
        }
    });

    public CallContext Context(CanonicalOptionsPlan options) => new(this, options);

    /// <summary>Per run-time instance: the core results of the call whose post-return is pending, and its options.</summary>
    public (Value[] Results, CanonicalOptionsPlan Options)?[] PendingPostReturn => _pending ??= new (Value[], CanonicalOptionsPlan)?[Plan.RuntimeInstanceCount];

    private (Value[], CanonicalOptionsPlan)?[]? _pending;

    private readonly Dictionary<CoreDef, Func> _callees = [];

    /// <summary>The core function a lift calls, resolved once.</summary>
    public Func Callee(CoreDef def)
    {
        if (!_callees.TryGetValue(def, out var f)) _callees[def] = f = (Func)Resolve(def);
        return f;
    }
}
