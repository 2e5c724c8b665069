namespace Kiln.Codegen;

/// <summary>Loads by width and extension (<see cref="OpcodeKinds.LoadOf"/>).</summary>
public enum LoadOp : byte { Full, U8, S8, U16, S16, U32, S32 }
