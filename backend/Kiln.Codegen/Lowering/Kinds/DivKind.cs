namespace Kiln.Codegen;

/// <summary>Integer division and remainder (a target's <c>Sub</c> of its division instruction; see <see cref="OpcodeKinds.DivOf"/>).</summary>
public enum DivKind : byte { UDiv, SDiv, URem, SRem }
