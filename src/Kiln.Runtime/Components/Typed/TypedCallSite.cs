using System.Text;
using Kiln.Compiler.Component;
using Kiln.Compiler.VmContext;
using Kiln.Component.Validation.Canonical;
using Kiln.Runtime.Components.Abi;

namespace Kiln.Runtime.Components.Typed;

/// <summary>
/// What every call of one typed view of a lifted export needs, resolved once when the view is made: the callee's,
/// realloc's and post-return's host entries, the memory, the encoding and the address of the instance's flags in
/// the VMComponentContext. A call touches no dictionary and allocates nothing but the CLR results it returns.
/// </summary>
internal sealed unsafe class TypedCallSite
{
    private readonly int* _flags;
    private readonly WasmEntry _callee;
    private readonly WasmEntry? _realloc;
    private readonly WasmEntry? _postReturn;

    public TypedCallSite(ComponentRuntime runtime, LiftedFunction lifted)
    {
        Store = runtime.Store;
        _flags = (int*)runtime.FlagsAddress(lifted.Options.Instance);
        _callee = runtime.Callee(lifted.Callee).Entry;
        var o = lifted.Options;
        _realloc = o.Realloc is { } r ? runtime.Reallocs[r].Entry : null;
        _postReturn = o.PostReturn is { } p ? runtime.PostReturns[p].Entry : null;
        Memory = o.Memory is { } m ? runtime.Memories[m] : null;
        Encoding = o.Encoding;
        Context = runtime.Context(o);
    }

    public Store Store { get; }
    public Memory? Memory { get; }
    public StringEncoding Encoding { get; }

    /// <summary>For the rarer string encodings (utf16, latin1+utf16), which go through the general ABI code.</summary>
    public CallContext Context { get; }

    /// <summary>Checks and clears <c>may_enter</c>; clears <c>may_leave</c> while the arguments are lowered.</summary>
    public void Enter()
    {
        Store.ThrowIfDisposed();
        int f = *_flags;
        if ((f & VmComponentContextLayout.FlagMayEnter) == 0) throw ComponentTraps.CannotEnter();
        *_flags = f & ~(VmComponentContextLayout.FlagMayEnter | VmComponentContextLayout.FlagMayLeave);
    }

    /// <summary>The arguments are lowered: the callee may call out.</summary>
    public void Lowered() => *_flags |= VmComponentContextLayout.FlagMayLeave;

    /// <summary>The host's arguments did not fit the type: the instance never ran, so it stays enterable.</summary>
    public void Abandon() => *_flags |= VmComponentContextLayout.FlagMayEnter | VmComponentContextLayout.FlagMayLeave;

    public void Invoke(ulong* slots) => _callee.Invoke(slots);

    /// <summary>The rest of a typed call once its arguments are lowered into <paramref name="slots"/>: leave, call,
    /// lift the result from the same slots, run post-return (one definition for every arity).</summary>
    public TResult Finish<TResult>(ulong* slots)
    {
        Lowered();
        Invoke(slots);
        ulong r0 = slots[0];
        var result = ComponentCodec<TResult>.Lift(this, slots);
        PostReturn(r0, !ComponentCodec<TResult>.IsUnit);
        return result;
    }

    /// <summary>Runs post-return with the callee's one flat result (when it has one), then lets the instance be entered.</summary>
    public void PostReturn(ulong result0, bool hasResult)
    {
        if (_postReturn is { } p)
        {
            *_flags &= ~VmComponentContextLayout.FlagMayLeave;
            ulong* s = stackalloc ulong[2];
            s[0] = hasResult ? result0 : 0;
            p.Invoke(s);
            *_flags |= VmComponentContextLayout.FlagMayLeave;
        }
        *_flags |= VmComponentContextLayout.FlagMayEnter;
    }

    /// <summary>Calls <c>realloc(0, 0, align, size)</c> and checks what it returns (<see cref="CanonicalAbi.CheckReallocResult"/>).</summary>
    public uint Realloc(int align, uint size)
    {
        var realloc = _realloc ?? throw new InvalidOperationException("canonical option `realloc` missing (validation should have caught this)");
        ulong* s = stackalloc ulong[8];
        s[0] = 0; // old pointer and old size: a fresh allocation (not left to stackalloc's zeroing)
        s[2] = 0;
        s[4] = (uint)align;
        s[6] = size;
        realloc.Invoke(s);
        return CanonicalAbi.CheckReallocResult(Memory!, (uint)s[0], align, size, adapter: false, "string");
    }

    private readonly struct SiteAllocator(TypedCallSite site) : CanonicalAbi.IAllocator
    {
        public uint Allocate(int align, uint size) => site.Realloc(align, size);
    }

    /// <summary>Lowers a string into two flat slots: (pointer, tagged length).</summary>
    public void LowerString(string s, ulong* slots)
    {
        ArgumentNullException.ThrowIfNull(s);
        var (p, n) = Encoding == StringEncoding.Utf8 ? StoreUtf8(s) : CanonicalAbi.StoreString(Context, s);
        slots[0] = p;
        slots[2] = n;
    }

    private (uint, uint) StoreUtf8(string s)
    {
        var alloc = new SiteAllocator(this);
        return CanonicalAbi.StoreUtf8(Memory!, s, ref alloc);
    }

    /// <summary>Lifts a string from (pointer, tagged length) in the callee's memory.</summary>
    public string LiftString(uint ptr, uint units)
    {
        if (Encoding != StringEncoding.Utf8) return CanonicalAbi.LoadString(Context, ptr, units).Text!;
        var m = Memory!;
        CanonicalAbi.CheckStringRange(m, ptr, units, 1, adapter: false);
        return CanonicalAbi.DecodeUtf8(m.GetSpan(ptr, (int)units));
    }

    /// <summary>The results spilled to memory: checks the return pointer (size 8, align 4 for a string's pair).</summary>
    public (uint Ptr, uint Units) LoadStringPair(uint retptr)
    {
        var m = Memory ?? throw new InvalidOperationException("canonical option `memory` missing (validation should have caught this)");
        CanonicalAbi.CheckRange(m, retptr, 8, 4, "pointer");
        var span = m.GetSpan(retptr, 8);
        return (System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(span),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(span[4..]));
    }
}
