namespace Kiln.Codegen;

/// <summary>Register-to-register width changes (<see cref="OpcodeKinds.ExtendOf"/>).</summary>
public enum ExtendOp : byte { Sext8, Sext16, Sext32, Zext32 }
