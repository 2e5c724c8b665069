namespace Kiln.Codegen.Tests;

/// <summary>The test ISA's instruction payload: just a mnemonic (the allocator only sees operands).</summary>
public readonly record struct TestInst(string Name)
{
    public override string ToString() => Name;
}

/// <summary>Register files and instruction helpers for the test ISA.</summary>
public static class TestIsa
{
    public static PReg R(int n) => new(RegClass.Int, n);
    public static PReg F(int n) => new(RegClass.Float, n);

    /// <summary>
    /// intRegs allocatable int registers r0..; the first half (at least one) caller-saved, the rest callee-saved;
    /// likewise for floats. Scratch registers are r15 and f15.
    /// </summary>
    public static MachineEnv Env(int intRegs, int floatRegs)
    {
        var ints = new PReg[intRegs];
        var floats = new PReg[floatRegs];
        var callee = PRegSet.Empty;
        for (int i = 0; i < intRegs; i++) { ints[i] = R(i); if (i >= Math.Max(1, intRegs / 2)) callee.Add(R(i)); }
        for (int i = 0; i < floatRegs; i++) { floats[i] = F(i); if (i >= Math.Max(1, floatRegs / 2)) callee.Add(F(i)); }
        return new MachineEnv(ints, floats, callee, R(15), F(15));
    }

    public static int Op(this VCodeBuilder<TestInst> b, string name, params Operand[] ops) => b.Emit(new TestInst(name), ops);

    public static int Move(this VCodeBuilder<TestInst> b, VReg dst, VReg src) =>
        b.Emit(new TestInst("mov"), [Operand.RegDef(dst), Operand.RegUse(src)], InstFlags.Move);

    public static int Jump(this VCodeBuilder<TestInst> b, int target, params VReg[] args)
    {
        b.AddSuccessor(target, args);
        return b.Emit(new TestInst("jmp"), [], InstFlags.Branch);
    }

    public static int CondBr(this VCodeBuilder<TestInst> b, VReg cond, int t, VReg[] targs, int f, VReg[] fargs)
    {
        b.AddSuccessor(t, targs);
        b.AddSuccessor(f, fargs);
        return b.Emit(new TestInst("brif"), [Operand.RegUse(cond)], InstFlags.Branch);
    }

    public static int Ret(this VCodeBuilder<TestInst> b, params Operand[] ops) => b.Emit(new TestInst("ret"), ops, InstFlags.Return);

    /// <summary>Allocates, runs the checker, and returns the result.</summary>
    public static RegAllocResult AllocateAndCheck(VCode code, MachineEnv env)
    {
        var result = RegAllocator.Allocate(code, env);
        RegAllocChecker.Check(code, env, result);
        return result;
    }
}
