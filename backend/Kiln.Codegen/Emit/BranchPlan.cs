namespace Kiln.Codegen;

/// <summary>
/// How to emit a two-way branch given the block layout: jump to <see cref="Label"/> when the condition (inverted
/// if <see cref="Invert"/>) holds, then, if <see cref="HasJump"/>, jump unconditionally to <see cref="JumpLabel"/>.
/// </summary>
public readonly record struct BranchPlan(bool Invert, Label Label, bool HasJump, Label JumpLabel);
