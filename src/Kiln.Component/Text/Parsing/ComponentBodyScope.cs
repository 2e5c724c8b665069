using Kiln.Component.Model;
using Kiln.Wasm.Text.Lexing;

namespace Kiln.Component.Text.Parsing;

/// <summary>
/// The scope of a component's fields. Items are appended in definition order and consecutive items of one
/// kind share a section, exactly as wasm-tools' encoder groups them; core modules, nested components, start
/// and custom sections always stand alone. Identifiers become the <c>component-name</c> section.
/// </summary>
internal sealed class ComponentBodyScope(string? id) : ComponentScope(id)
{
    private readonly List<(uint Index, string Name)>?[] _names = new List<(uint, string)>?[Namespaces.Count];

    public WasmComponent Component { get; } = new();

    /// <summary>Exports written inline on definitions (<c>(func (export "f") …)</c>): wasm-tools appends them after every field.</summary>
    public List<(ComponentExport Export, Token At)> InlineExports { get; } = [];

    protected override void OnRegistered(Namespace ns, uint index, string? id)
    {
        if (id is not null) (_names[(int)ns] ??= []).Add((index, id[1..]));
    }

    public void AddSection(ComponentSection section) => Component.Sections.Add(section);

    public void Add(ComponentItem item)
    {
        switch (item)
        {
            case CoreInstance i: Append<CoreInstanceSection, CoreInstance>(i); break;
            case CoreTypeDefinition t: Append<CoreTypeSection, CoreTypeDefinition>(t); break;
            case ComponentInstanceDefinition i: Append<InstanceSection, ComponentInstanceDefinition>(i); break;
            case Alias a: Append<AliasSection, Alias>(a); break;
            case TypeDefinition t: Append<TypeSection, TypeDefinition>(t); break;
            case CanonicalFunction c: Append<CanonSection, CanonicalFunction>(c); break;
            case ComponentImport i: Append<ImportSection, ComponentImport>(i); break;
            case ComponentExport e: Append<ExportSection, ComponentExport>(e); break;
            default: throw new ArgumentException($"no section holds {item.GetType().Name}", nameof(item));
        }
    }

    private void Append<TSection, TItem>(TItem item) where TSection : ItemSection<TItem>, new()
    {
        var sections = Component.Sections;
        if (sections.Count > 0 && sections[^1] is TSection open)
        {
            open.Items.Add(item);
            return;
        }
        var s = new TSection();
        s.Items.Add(item);
        sections.Add(s);
    }

    public override void AddType(TypeDefinition type, Token at) => Add(type);

    public override void AddCoreType(CoreTypeDefinition type, Token at) => Add(type);

    public override void AddAlias(Alias alias, Token at) => Add(alias);

    /// <summary>The <c>component-name</c> section for the component's own id and every named index, or null when nothing is named.</summary>
    public ComponentNames? BuildNames()
    {
        var names = new ComponentNames { ComponentName = Id?[1..] };
        foreach (var ns in Namespaces.NameSectionOrder)
            if (_names[(int)ns] is { Count: > 0 } list)
                names.SortNames.Add((ns.ToSort(), list));
        return names.ComponentName is null && names.SortNames.Count == 0 ? null : names;
    }
}
