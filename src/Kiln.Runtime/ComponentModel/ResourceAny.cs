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

/// <summary>A resource type the host defines and provides to a component's <c>(import "r" (type (sub resource)))</c>.</summary>
public sealed class ResourceType(string name)
{
    public string Name { get; } = name;
    public override string ToString() => Name;
}
