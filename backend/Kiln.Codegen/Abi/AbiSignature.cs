namespace Kiln.Codegen;

/// <summary>A signature's locations under a <see cref="CallingConvention"/>.</summary>
public sealed record AbiSignature(AbiLoc[] Params, AbiLoc[] Results, int StackArgBytes, int StackResultBytes)
{
    /// <summary>Bytes the caller reserves at its stack pointer for this call: stack args plus the return area.</summary>
    public int AreaBytes => StackArgBytes + StackResultBytes;
}
