using Kiln.Component.Validation.Types;
using Kiln.Wasm.Model;

namespace Kiln.Compiler.Component;

/// <summary>One step of instantiating a component, in order (Wasmtime's <c>GlobalInitializer</c>).</summary>
public abstract record GlobalInitializer;

/// <summary>Instantiates static module <see cref="Module"/>; <see cref="Args"/> satisfy its imports, in import order.
/// The new run-time core instance's index is the number of <see cref="InstantiateModule"/>s before it.</summary>
public sealed record InstantiateModule(int Module, IReadOnlyList<CoreDef> Args) : GlobalInitializer;

/// <summary>Lowers the root import at <see cref="Import"/> (a host function) into core function
/// <see cref="Lowering"/> of core signature <see cref="Signature"/>.</summary>
public sealed record LowerImport(int Lowering, ImportPath Import, TypeId Type, FuncType Signature, CanonicalOptionsPlan Options) : GlobalInitializer;

/// <summary>Stores a core memory named by canonical options as memory <see cref="Index"/> of the context.</summary>
public sealed record ExtractMemory(int Index, CoreDef Def) : GlobalInitializer;

/// <summary>Stores a core function named by a <c>realloc</c> option as realloc <see cref="Index"/>.</summary>
public sealed record ExtractRealloc(int Index, CoreDef Def) : GlobalInitializer;

/// <summary>Stores a core function named by a <c>post-return</c> option as post-return <see cref="Index"/>.</summary>
public sealed record ExtractPostReturn(int Index, CoreDef Def) : GlobalInitializer;

/// <summary>A resource type defined by component instance <see cref="Instance"/>, with its optional destructor.</summary>
public sealed record DefineResource(int Resource, int Instance, ValType Representation, CoreDef? Destructor) : GlobalInitializer;

/// <summary>A resource type the host provides through the root import at <see cref="Import"/>.</summary>
public sealed record ImportResource(int Resource, ImportPath Import) : GlobalInitializer;

/// <summary>A root import: its index among the component's imports, its name, and the export names that lead
/// through imported instances to the item (empty for the import itself).</summary>
public sealed record ImportPath(int Index, string Name, IReadOnlyList<string> Path)
{
    public ImportPath Then(string export) => this with { Path = [.. Path, export] };

    public override string ToString() => Path.Count == 0 ? Name : Name + "/" + string.Join("/", Path);
}
