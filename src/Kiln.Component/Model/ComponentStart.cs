namespace Kiln.Component.Model;

/// <summary><c>(start f (value a)* (result (value))*)</c> (🪙): calls a function with values, adding
/// <see cref="ResultCount"/> values to the value index space.</summary>
public sealed record ComponentStart(uint FuncIndex, IReadOnlyList<uint> Args, uint ResultCount) : ComponentItem;
