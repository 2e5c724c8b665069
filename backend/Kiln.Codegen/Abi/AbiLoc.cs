namespace Kiln.Codegen;

/// <summary>Where one parameter or result lives at a call boundary: a register, or a stack offset (bytes)
/// into the argument area (for results: into the return area, which follows the stack arguments).</summary>
public readonly record struct AbiLoc(bool IsReg, PReg Reg, int StackOffset)
{
    public static AbiLoc InReg(PReg r) => new(true, r, 0);
    public static AbiLoc OnStack(int offset) => new(false, default, offset);
    public override string ToString() => IsReg ? Reg.ToString() : $"stack+{StackOffset}";
}
