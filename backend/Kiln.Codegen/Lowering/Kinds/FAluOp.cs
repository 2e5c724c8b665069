namespace Kiln.Codegen;

/// <summary>Two-operand float arithmetic (<see cref="OpcodeKinds.FAluOf"/>).</summary>
public enum FAluOp : byte { Add, Sub, Mul, Div, Min, Max }
