namespace Kiln.Compiler.Component;

/// <summary>A valid component uses something translation does not support yet (an imported core module,
/// a value-level start function, …); <see cref="Feature"/> names it.</summary>
public sealed class ComponentTranslationException(string feature)
    : Exception($"component feature not supported yet: {feature}")
{
    public string Feature { get; } = feature;
}
