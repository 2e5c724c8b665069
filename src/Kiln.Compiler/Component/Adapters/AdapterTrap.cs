namespace Kiln.Compiler.Component.Adapters;

/// <summary>The codes an adapter passes to <see cref="AdapterBuiltin.Trap"/>.</summary>
public enum AdapterTrap
{
    CannotLeave,
    CannotEnter,
    InvalidChar,
    InvalidDiscriminant,
}
