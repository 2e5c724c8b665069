using Kiln.Compiler.VmContext;
using Kiln.Runtime.Internal;
using Kiln.Wasm.Model;

namespace Kiln.Runtime;

/// <summary>
/// An instantiated module: its VMContext (native, 16-aligned, laid out by <see cref="VmContextLayout"/>),
/// the functions, tables, memories and globals in its index spaces (imports first), its element and data
/// segments for the bulk instructions, and its exports. Created by <see cref="Create"/> or a <see cref="Linker"/>.
/// </summary>
public sealed unsafe class Instance
{
    private readonly Dictionary<string, Extern> exports = [];

    internal Instance(Store store, Module module)
    {
        Store = store;
        Module = module;
        var layout = module.Layout;
        Functions = new Func[layout.FunctionCount];
        Tables = new Table[layout.TableCount];
        Memories = new Memory[layout.MemoryCount];
        Globals = new Global[layout.GlobalCount];
        Tags = new Tag[module.Source.TotalTagCount];
        ElementSegments = new nint[module.Source.Elements.Count][];
        DataSegments = new ReadOnlyMemory<byte>[module.Source.Data.Count];
    }

    /// <summary>
    /// Instantiates <paramref name="module"/> in <paramref name="store"/> with <paramref name="imports"/> given in the
    /// order of the module's imports. Throws <see cref="LinkException"/> when an import does not match, and a
    /// <see cref="Trap"/> when a segment does not fit or the start function traps.
    /// </summary>
    public static Instance Create(Store store, Module module, IReadOnlyList<Extern> imports) =>
        Instantiation.Run(store, module, imports);

    /// <summary>The store that owns the instance.</summary>
    public Store Store { get; }

    /// <summary>The module it instantiates.</summary>
    public Module Module { get; }

    /// <summary>Address of the VMContext.</summary>
    public nint VmContext => vmctx.Address;

    internal NativeBlock vmctx = null!;

    internal Func[] Functions { get; }
    internal Table[] Tables { get; }
    internal Memory[] Memories { get; }
    internal Global[] Globals { get; }

    /// <summary>Tags, imports first (exception handling).</summary>
    internal Tag[] Tags { get; }

    /// <summary>Resolved references of each element segment; empty once dropped.</summary>
    internal nint[][] ElementSegments { get; }

    /// <summary>Bytes of each data segment; empty once dropped.</summary>
    internal ReadOnlyMemory<byte>[] DataSegments { get; }

    /// <summary>The exports, by name, in the module's order.</summary>
    public IEnumerable<KeyValuePair<string, Extern>> Exports =>
        Module.Exports.Select(e => new KeyValuePair<string, Extern>(e.Name, exports[e.Name]));

    /// <summary>The export called <paramref name="name"/>, or null.</summary>
    public Extern? GetExport(string name) => exports.GetValueOrDefault(name);

    /// <summary>The exported function <paramref name="name"/>, or null.</summary>
    public Func? GetFunc(string name) => GetExport(name) as Func;

    /// <summary>The exported memory <paramref name="name"/>, or null.</summary>
    public Memory? GetMemory(string name) => GetExport(name) as Memory;

    /// <summary>The exported table <paramref name="name"/>, or null.</summary>
    public Table? GetTable(string name) => GetExport(name) as Table;

    /// <summary>The exported global <paramref name="name"/>, or null.</summary>
    public Global? GetGlobal(string name) => GetExport(name) as Global;

    /// <summary>Function <paramref name="index"/> of the function index space.</summary>
    public Func GetFunction(uint index) => Functions[index];

    /// <summary>Memory <paramref name="index"/>.</summary>
    public Memory GetMemory(uint index) => Memories[index];

    /// <summary>Table <paramref name="index"/>.</summary>
    public Table GetTable(uint index) => Tables[index];

    /// <summary>The exported tag <paramref name="name"/>, or null.</summary>
    public Tag? GetTag(string name) => GetExport(name) as Tag;

    /// <summary>Global <paramref name="index"/>.</summary>
    public Global GetGlobal(uint index) => Globals[index];

    internal void AddExport(string name, Extern item) => exports.Add(name, item);

    /// <summary>The instance whose VMContext is <paramref name="vmctx"/> (through the header's instance handle).</summary>
    internal static Instance FromVmctx(nint vmctx) =>
        HandleOwner.Resolve<Instance>(*(nint*)(vmctx + VmContextLayout.InstanceOffset))
        ?? throw new InvalidOperationException("the VMContext's instance is gone");
}
