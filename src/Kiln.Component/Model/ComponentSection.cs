using Kiln.Wasm.Model;

namespace Kiln.Component.Model;

/// <summary>
/// One section of a component. <see cref="Offset"/> is the byte offset of the section's id in the
/// outermost binary being decoded (-1 when the component came from text), so errors can name a place.
/// </summary>
public abstract class ComponentSection
{
    public abstract ComponentSectionId Id { get; }
    public int Offset { get; init; } = -1;
}

/// <summary>A section holding a vector of items.</summary>
public interface IItemSection
{
    System.Collections.IEnumerable UntypedItems { get; }
    int Count { get; }
}

/// <summary>A section that is a vector of <typeparamref name="T"/>.</summary>
public abstract class ItemSection<T> : ComponentSection, IItemSection
{
    public List<T> Items { get; } = [];
    System.Collections.IEnumerable IItemSection.UntypedItems => Items;
    public int Count => Items.Count;
}

public sealed class CustomComponentSection(CustomSection custom) : ComponentSection
{
    public override ComponentSectionId Id => ComponentSectionId.Custom;
    public CustomSection Custom { get; } = custom;
}

/// <summary>A nested core module. <see cref="Bytes"/> is its original encoding (empty when parsed from
/// text); encoders write <see cref="Bytes"/> when present so a decoded component re-encodes exactly.</summary>
public sealed class CoreModuleSection(WasmModule module, ReadOnlyMemory<byte> bytes) : ComponentSection
{
    public override ComponentSectionId Id => ComponentSectionId.CoreModule;
    public WasmModule Module { get; } = module;
    public ReadOnlyMemory<byte> Bytes { get; set; } = bytes;
}

public sealed class CoreInstanceSection : ItemSection<CoreInstance>
{
    public override ComponentSectionId Id => ComponentSectionId.CoreInstance;
}

public sealed class CoreTypeSection : ItemSection<CoreTypeDefinition>
{
    public override ComponentSectionId Id => ComponentSectionId.CoreType;
}

/// <summary>A nested component definition.</summary>
public sealed class NestedComponentSection(WasmComponent component) : ComponentSection
{
    public override ComponentSectionId Id => ComponentSectionId.Component;
    public WasmComponent Component { get; } = component;
}

public sealed class InstanceSection : ItemSection<ComponentInstanceDefinition>
{
    public override ComponentSectionId Id => ComponentSectionId.Instance;
}

public sealed class AliasSection : ItemSection<Alias>
{
    public override ComponentSectionId Id => ComponentSectionId.Alias;
}

public sealed class TypeSection : ItemSection<TypeDefinition>
{
    public override ComponentSectionId Id => ComponentSectionId.Type;
}

public sealed class CanonSection : ItemSection<CanonicalFunction>
{
    public override ComponentSectionId Id => ComponentSectionId.Canon;
}

public sealed class StartSection(ComponentStart start) : ComponentSection
{
    public override ComponentSectionId Id => ComponentSectionId.Start;
    public ComponentStart Start { get; } = start;
}

public sealed class ImportSection : ItemSection<ComponentImport>
{
    public override ComponentSectionId Id => ComponentSectionId.Import;
}

public sealed class ExportSection : ItemSection<ComponentExport>
{
    public override ComponentSectionId Id => ComponentSectionId.Export;
}

public sealed class ValueSection : ItemSection<ComponentValue>
{
    public override ComponentSectionId Id => ComponentSectionId.Value;
}
