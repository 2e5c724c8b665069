namespace Kiln.Component.Model;

/// <summary>
/// A decoded (or text-parsed) component: its sections in order, as the binary format has them.
/// A component is a sequence of definitions whose index spaces grow as they are read, so the order of
/// sections and of the items inside them is meaning, not layout; nothing here is sorted or merged.
/// Nested components and core modules are held as their own models.
/// </summary>
public sealed class WasmComponent
{
    /// <summary>The binary format's component version (the pre-standard <c>0x0d</c>) and layer (<c>1</c>).</summary>
    public const ushort Version = 0x0d;
    public const ushort Layer = 1;

    public List<ComponentSection> Sections { get; } = [];

    /// <summary>The <c>component-name</c> custom section, decoded, when present and well formed.
    /// Like core names it never makes a component invalid; a malformed one is kept only as a custom section.
    /// A decoded component keeps every custom section (this one included) in <see cref="Sections"/>, so it
    /// re-encodes byte for byte; an encoder writes a section built from <see cref="Names"/> only when
    /// <see cref="Sections"/> holds no <c>component-name</c> custom section (a component parsed from text).</summary>
    public ComponentNames? Names { get; set; }

    /// <summary>Items of one kind across all sections, in order (for tests and tools; validators walk <see cref="Sections"/>).</summary>
    public IEnumerable<T> Items<T>()
    {
        foreach (var s in Sections)
            switch (s)
            {
                case T one: yield return one; break;
                case IItemSection list:
                    foreach (var item in list.UntypedItems)
                        if (item is T t) yield return t;
                    break;
            }
    }
}
