namespace Kiln.Runtime;

/// <summary>
/// A resource as the host holds it: which resource type (an opaque identity per component instantiation and
/// resource definition, or the host's own <see cref="ResourceType"/>) and its representation (the i32 the
/// defining component gave <c>resource.new</c>, or the host's own number). An owned resource taken from a
/// component is the host's to pass back or drop (<see cref="ComponentInstance.DropResource"/>).
/// </summary>
public sealed record ResourceAny(object Type, uint Rep)
{
    public override string ToString() => $"{Type}#{Rep}";
}

/// <summary>A resource type the host defines and provides to a component's <c>(import "r" (type (sub resource)))</c>.
/// <paramref name="drop"/>, when given, runs with the representation when a guest drops an owned handle of it
/// (<c>resource.drop</c>): the host frees what the handle stood for.</summary>
public sealed class ResourceType(string name, Action<uint>? drop = null)
{
    public string Name { get; } = name;

    /// <summary>What dropping an owned handle does on the host (null: nothing).</summary>
    public Action<uint>? Drop { get; } = drop;

    public override string ToString() => Name;
}
