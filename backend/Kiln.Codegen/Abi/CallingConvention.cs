using Kiln.IR;

namespace Kiln.Codegen;

/// <summary>
/// Kiln's internal calling convention, the same algorithm on every target, parameterised by the target's register
/// lists: integer/pointer params take the next integer argument register, float params the next float one, and
/// the rest go on the stack, <see cref="StackSlotSize"/> bytes each in order from the argument area's start.
/// Results likewise take the result registers, then slots in a return area the caller reserves right after its
/// stack arguments (no pointer is passed: the area's place is fixed by the signature).
/// </summary>
public sealed class CallingConvention(PReg[] intArgs, PReg[] floatArgs, PReg[] intResults, PReg[] floatResults, int stackSlotSize = 8)
{
    public ReadOnlySpan<PReg> IntArgRegs => intArgs;
    public ReadOnlySpan<PReg> FloatArgRegs => floatArgs;
    public ReadOnlySpan<PReg> IntResultRegs => intResults;
    public ReadOnlySpan<PReg> FloatResultRegs => floatResults;
    public int StackSlotSize => stackSlotSize;

    /// <exception cref="UnsupportedFeatureException">A v128 parameter or result.</exception>
    public AbiSignature Compute(Signature sig)
    {
        var ps = Assign(sig.Params, intArgs, floatArgs, 0, "v128 parameters");
        int argBytes = StackBytes(ps, 0);
        var rs = Assign(sig.Results, intResults, floatResults, argBytes, "v128 results");
        return new AbiSignature(ps, rs, argBytes, StackBytes(rs, argBytes) - argBytes);
    }

    private AbiLoc[] Assign(IrType[] types, PReg[] ints, PReg[] floats, int stack, string what)
    {
        var locs = new AbiLoc[types.Length];
        int ni = 0, nf = 0;
        for (int i = 0; i < locs.Length; i++)
        {
            if (types[i] == IrType.V128) throw new UnsupportedFeatureException(UnsupportedFeature.Simd, what);
            bool isFloat = types[i].IsFloat();
            if (!isFloat && ni < ints.Length) locs[i] = AbiLoc.InReg(ints[ni++]);
            else if (isFloat && nf < floats.Length) locs[i] = AbiLoc.InReg(floats[nf++]);
            else { locs[i] = AbiLoc.OnStack(stack); stack += stackSlotSize; }
        }
        return locs;
    }

    /// <summary>End of the stack part (start if nothing is on the stack).</summary>
    private int StackBytes(AbiLoc[] locs, int start)
    {
        int end = start;
        foreach (var l in locs)
            if (!l.IsReg) end = Math.Max(end, l.StackOffset + stackSlotSize);
        return end;
    }
}
