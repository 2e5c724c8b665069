namespace Kiln.Codegen;

/// <summary>Bit counts (<see cref="OpcodeKinds.BitCountOf"/>).</summary>
public enum BitCountOp : byte { Clz, Ctz, Popcnt }
