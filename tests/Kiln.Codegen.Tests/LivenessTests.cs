namespace Kiln.Codegen.Tests;

public class LivenessTests
{
    [Fact]
    public void DiamondAndLoop()
    {
        // b0: a = ..; b = ..; jmp b1
        // b1 (header): brif a -> b2 | b3
        // b2: use b; jmp b1   (back edge: a and b live around the loop)
        // b3: ret a
        var bld = new VCodeBuilder<TestInst>();
        int b0 = bld.CreateBlock(), b1 = bld.CreateBlock(), b2 = bld.CreateBlock(), b3 = bld.CreateBlock();
        var a = bld.NewVReg(RegClass.Int);
        var b = bld.NewVReg(RegClass.Int);
        var t = bld.NewVReg(RegClass.Int);
        bld.SwitchToBlock(b0);
        bld.Op("c", Operand.RegDef(a));
        bld.Op("c", Operand.RegDef(b));
        bld.Jump(b1);
        bld.SwitchToBlock(b1);
        bld.CondBr(a, b2, [], b3, []);
        bld.SwitchToBlock(b2);
        bld.Op("add", Operand.RegDef(t), Operand.RegUse(b), Operand.RegUse(b));
        bld.Jump(b1);
        bld.SwitchToBlock(b3);
        bld.Ret(Operand.FixedUse(a, TestIsa.R(0)));
        var code = bld.Build();
        var lv = Liveness.Compute(code);

        Assert.False(lv.IsLiveIn(b0, a.Index));
        Assert.True(lv.IsLiveIn(b1, a.Index) && lv.IsLiveIn(b1, b.Index));
        Assert.True(lv.IsLiveOut(b2, a.Index) && lv.IsLiveOut(b2, b.Index));
        Assert.True(lv.IsLiveIn(b3, a.Index));
        Assert.False(lv.IsLiveIn(b3, b.Index));
        Assert.False(lv.IsLiveOut(b2, t.Index));
        Assert.Equal([0, 1, 1, 0], [code.LoopDepth(0), code.LoopDepth(1), code.LoopDepth(2), code.LoopDepth(3)]);
    }

    [Fact]
    public void IrreducibleLoopConverges()
    {
        // b0 branches into both b2 and b3 (edge blocks b1, b4 keep edges non-critical); b2 <-> b3 form a loop with two entries.
        var bld = new VCodeBuilder<TestInst>();
        int b0 = bld.CreateBlock(), e1 = bld.CreateBlock(), b2 = bld.CreateBlock(), b3 = bld.CreateBlock(), e4 = bld.CreateBlock(), e5 = bld.CreateBlock(), b6 = bld.CreateBlock();
        var x = bld.NewVReg(RegClass.Int);
        var c = bld.NewVReg(RegClass.Int);
        bld.SwitchToBlock(b0);
        bld.Op("c", Operand.RegDef(x));
        bld.Op("c", Operand.RegDef(c));
        bld.CondBr(c, e1, [], e4, []);
        bld.SwitchToBlock(e1);
        bld.Jump(b2);
        bld.SwitchToBlock(b2);
        bld.Jump(b3);
        bld.SwitchToBlock(b3);
        bld.CondBr(c, e5, [], b6, []);
        bld.SwitchToBlock(e4);
        bld.Jump(b3);
        bld.SwitchToBlock(e5);
        bld.Jump(b2);
        bld.SwitchToBlock(b6);
        bld.Ret(Operand.FixedUse(x, TestIsa.R(0)));
        var code = bld.Build();
        var lv = Liveness.Compute(code);
        foreach (int blk in new[] { e1, b2, b3, e4, e5, b6 }) Assert.True(lv.IsLiveIn(blk, x.Index));
        foreach (int blk in new[] { b2, b3, e5 }) Assert.True(lv.IsLiveIn(blk, c.Index));
        Assert.False(lv.IsLiveIn(b6, c.Index));
        Assert.True(code.LoopDepth(b2) >= 1 && code.LoopDepth(b3) >= 1);
        TestIsa.AllocateAndCheck(code, TestIsa.Env(4, 2));
    }

    [Fact]
    public void BlockParamsAreDefinedAtTheTop()
    {
        var bld = new VCodeBuilder<TestInst>();
        int b0 = bld.CreateBlock(), b1 = bld.CreateBlock();
        var a = bld.NewVReg(RegClass.Int);
        var p = bld.NewVReg(RegClass.Int);
        bld.AddBlockParam(b1, p);
        bld.SwitchToBlock(b0);
        bld.Op("c", Operand.RegDef(a));
        bld.Jump(b1, a);
        bld.SwitchToBlock(b1);
        bld.Ret(Operand.FixedUse(p, TestIsa.R(0)));
        var code = bld.Build();
        var lv = Liveness.Compute(code);
        Assert.False(lv.IsLiveIn(b1, p.Index));
        Assert.False(lv.IsLiveOut(b0, a.Index)); // consumed by the edge, not live into b1
        var r = TestIsa.AllocateAndCheck(code, TestIsa.Env(4, 2));
        Assert.Equal(TestIsa.R(0), r.BlockParamAllocs[code.BlockParamOffset(b1)].AsReg); // hinted straight into the return register
    }

    [Fact]
    public void BuilderRejectsCriticalEdgesAndUseBeforeDef()
    {
        var bld = new VCodeBuilder<TestInst>();
        int b0 = bld.CreateBlock(), b1 = bld.CreateBlock(), b2 = bld.CreateBlock();
        var c = bld.NewVReg(RegClass.Int);
        bld.SwitchToBlock(b0);
        bld.Op("c", Operand.RegDef(c));
        bld.CondBr(c, b1, [], b2, []);
        bld.SwitchToBlock(b1);
        bld.Jump(b2);
        bld.SwitchToBlock(b2);
        bld.Ret();
        Assert.Contains("critical edge", Assert.Throws<InvalidOperationException>(() => bld.Build()).Message);

        var bld2 = new VCodeBuilder<TestInst>();
        bld2.CreateBlock();
        var v = bld2.NewVReg(RegClass.Int);
        bld2.SwitchToBlock(0);
        bld2.Ret(Operand.RegUse(v));
        Assert.Throws<RegAllocException>(() => RegAllocator.Allocate(bld2.Build(), TestIsa.Env(4, 2)));
    }
}
