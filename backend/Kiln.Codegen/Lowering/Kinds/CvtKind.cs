namespace Kiln.Codegen;

/// <summary>Float-to-integer conversions: trapping or saturating (<see cref="OpcodeKinds.CvtOf"/>).</summary>
public enum CvtKind : byte { Signed, Unsigned, SignedSat, UnsignedSat }
