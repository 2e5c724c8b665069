namespace Kiln.Component.Model;

/// <summary>
/// The <c>component-name</c> custom section (Binary.md "Name Section"): the component's own name and,
/// per sort, names of indices. Identifiers from the text format land here.
/// </summary>
public sealed class ComponentNames
{
    public string? ComponentName { get; set; }

    /// <summary>Per sort, index → name, in the order the section lists them.</summary>
    public List<(Sort Sort, List<(uint Index, string Name)> Names)> SortNames { get; } = [];

    public string? NameOf(Sort sort, uint index)
    {
        foreach (var (s, names) in SortNames)
            if (s == sort)
                foreach (var (i, n) in names)
                    if (i == index) return n;
        return null;
    }
}
