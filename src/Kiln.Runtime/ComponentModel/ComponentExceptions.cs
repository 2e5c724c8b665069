namespace Kiln.Runtime;

/// <summary>A host value does not have the component type a function or import needs; the message says where.</summary>
public sealed class ComponentTypeMismatchException(string message) : ArgumentException(message);

/// <summary>The component uses a canonical built-in or feature the runtime does not implement yet (async, streams,
/// futures, threads).</summary>
public sealed class ComponentFeatureNotSupportedException(string feature)
    : NotSupportedException($"component feature not supported yet: {feature}")
{
    public string Feature { get; } = feature;
}

/// <summary>A component's imports cannot be satisfied by the linker: missing, or of another kind or type.</summary>
public sealed class ComponentLinkException(string message) : KilnException(message);
