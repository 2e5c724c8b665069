namespace Kiln.Codegen.Tests;

public class AllocTests
{
    private static readonly MachineEnv Env4 = TestIsa.Env(4, 4);

    private static (VCodeBuilder<TestInst> B, int Block) Single()
    {
        var b = new VCodeBuilder<TestInst>();
        int blk = b.CreateBlock();
        b.SwitchToBlock(blk);
        return (b, blk);
    }

    [Fact]
    public void StraightLineLowPressureNeedsNoEdits()
    {
        var (b, _) = Single();
        var x = b.NewVReg(RegClass.Int);
        var y = b.NewVReg(RegClass.Int);
        var z = b.NewVReg(RegClass.Int);
        b.Op("c", Operand.RegDef(x));
        b.Op("c", Operand.RegDef(y));
        b.Op("add", Operand.RegDef(z), Operand.RegUse(x), Operand.RegUse(y));
        b.Ret(Operand.FixedUse(z, TestIsa.R(0)));
        var code = b.Build();
        var r = TestIsa.AllocateAndCheck(code, Env4);
        Assert.Empty(r.Edits);
        Assert.Equal(TestIsa.R(0), r.OperandAlloc(code, 2, 0).AsReg); // z hinted to its fixed use
        Assert.Equal(0, r.SpillSlotCounts[0]);
        Assert.True(r.CalleeSavedUsed.IsEmpty);
    }

    [Fact]
    public void StraightLineHighPressureSplitsAndSpills()
    {
        // 10 values all live until a final sum chain, with 4 registers.
        var (b, _) = Single();
        var vs = new VReg[10];
        for (int k = 0; k < vs.Length; k++) { vs[k] = b.NewVReg(RegClass.Int); b.Op("c", Operand.RegDef(vs[k])); }
        var acc = vs[0];
        for (int k = 1; k < vs.Length; k++)
        {
            var n = b.NewVReg(RegClass.Int);
            b.Op("add", Operand.RegDef(n), Operand.RegUse(acc), Operand.RegUse(vs[k]));
            acc = n;
        }
        b.Ret(Operand.FixedUse(acc, TestIsa.R(0)));
        var code = b.Build();
        var r = TestIsa.AllocateAndCheck(code, Env4);
        Assert.True(r.SpillSlotCounts[0] > 0);
        Assert.True(r.Stats.Stores > 0 && r.Stats.Loads > 0);
        // Values used last are the ones spilled: the first adds find their operands in registers.
        Assert.True(r.OperandAlloc(code, 10, 1).IsReg);
    }

    [Fact]
    public void ValueLiveAcrossCallAvoidsClobberedRegisters()
    {
        var (b, _) = Single();
        var x = b.NewVReg(RegClass.Int);
        var arg = b.NewVReg(RegClass.Int);
        var res = b.NewVReg(RegClass.Int);
        var sum = b.NewVReg(RegClass.Int);
        b.Op("c", Operand.RegDef(x));
        b.Op("c", Operand.RegDef(arg));
        var env = TestIsa.Env(4, 4); // r0, r1 caller-saved; r2, r3 callee-saved
        b.Emit(new TestInst("call"), [Operand.FixedUse(arg, TestIsa.R(0)), Operand.FixedDef(res, TestIsa.R(0))], InstFlags.Call, env.CallerSaved);
        b.Op("add", Operand.RegDef(sum), Operand.RegUse(x), Operand.RegUse(res));
        b.Ret(Operand.FixedUse(sum, TestIsa.R(0)));
        var code = b.Build();
        var r = TestIsa.AllocateAndCheck(code, env);
        var xLoc = r.OperandAlloc(code, 3, 1);
        Assert.True(xLoc.IsStack || env.CalleeSaved.Contains(xLoc.AsReg));
        if (xLoc.IsReg) Assert.True(r.CalleeSavedUsed.Contains(xLoc.AsReg));
        Assert.Equal(TestIsa.R(0), r.OperandAlloc(code, 2, 1).AsReg);
    }

    [Fact]
    public void CallsWithEverythingCallerSavedSpillAroundTheCall()
    {
        var env = new MachineEnv([TestIsa.R(0), TestIsa.R(1), TestIsa.R(2)], [TestIsa.F(0), TestIsa.F(1)], PRegSet.Empty, TestIsa.R(15), TestIsa.F(15));
        var (b, _) = Single();
        var x = b.NewVReg(RegClass.Int);
        var f = b.NewVReg(RegClass.Float);
        var res = b.NewVReg(RegClass.Int);
        var sum = b.NewVReg(RegClass.Int);
        b.Op("c", Operand.RegDef(x));
        b.Op("fc", Operand.RegDef(f));
        b.Emit(new TestInst("call"), [Operand.FixedDef(res, TestIsa.R(0))], InstFlags.Call, env.CallerSaved);
        b.Op("add", Operand.RegDef(sum), Operand.RegUse(x), Operand.RegUse(res));
        b.Op("fuse", Operand.RegUse(f));
        b.Ret(Operand.FixedUse(sum, TestIsa.R(0)));
        var code = b.Build();
        var r = TestIsa.AllocateAndCheck(code, env);
        Assert.Equal(1, r.SpillSlotCounts[0]);
        Assert.Equal(1, r.SpillSlotCounts[1]);
    }

    [Fact]
    public void ReuseConstraintCopiesOnlyWhenTheInputStaysLive()
    {
        // y = x + 1 (two-address) where x dies: no copy. Then z = y + y with y live after: one copy.
        var (b, _) = Single();
        var x = b.NewVReg(RegClass.Int);
        var y = b.NewVReg(RegClass.Int);
        var z = b.NewVReg(RegClass.Int);
        var w = b.NewVReg(RegClass.Int);
        b.Op("c", Operand.RegDef(x));
        b.Op("add2", Operand.ReuseDef(y, 1), Operand.RegUse(x));
        b.Op("add2", Operand.ReuseDef(z, 1), Operand.RegUse(y), Operand.RegUse(y));
        b.Op("add", Operand.RegDef(w), Operand.RegUse(z), Operand.RegUse(y));
        b.Ret(Operand.FixedUse(w, TestIsa.R(0)));
        var code = b.Build();
        var r = TestIsa.AllocateAndCheck(code, Env4);
        Assert.Equal(r.OperandAlloc(code, 1, 0), r.OperandAlloc(code, 1, 1));
        Assert.Equal(r.OperandAlloc(code, 0, 0), r.OperandAlloc(code, 1, 0));
        Assert.Equal(0, r.FirstEditAt(2) - r.FirstEditAt(1));
        Assert.Equal(r.OperandAlloc(code, 2, 0), r.OperandAlloc(code, 2, 1));
        Assert.NotEqual(r.OperandAlloc(code, 2, 0), r.OperandAlloc(code, 2, 2));
        Assert.Equal(1, r.FirstEditAt(3) - r.FirstEditAt(2));
    }

    [Fact]
    public void MoveIsCoalescedWhenTheSourceDies()
    {
        var (b, _) = Single();
        var x = b.NewVReg(RegClass.Int);
        var y = b.NewVReg(RegClass.Int);
        b.Op("c", Operand.RegDef(x));
        b.Move(y, x);
        b.Op("use", Operand.RegUse(y));
        b.Ret();
        var code = b.Build();
        var r = TestIsa.AllocateAndCheck(code, Env4);
        Assert.Equal(r.OperandAlloc(code, 1, 0), r.OperandAlloc(code, 1, 1));
    }

    [Fact]
    public void LoopWithHighPressureKeepsReloadsCorrectAndOutOfTheLoopWhenPossible()
    {
        // Eight values defined before a loop; the loop uses two of them, the exit uses all of them.
        var b = new VCodeBuilder<TestInst>();
        int b0 = b.CreateBlock(), head = b.CreateBlock(), body = b.CreateBlock(), exit = b.CreateBlock();
        var vs = new VReg[8];
        var i = b.NewVReg(RegClass.Int);
        var i2 = b.NewVReg(RegClass.Int);
        b.AddBlockParam(head, i);
        b.SwitchToBlock(b0);
        for (int k = 0; k < vs.Length; k++) { vs[k] = b.NewVReg(RegClass.Int); b.Op("c", Operand.RegDef(vs[k])); }
        b.Jump(head, vs[0]);
        b.SwitchToBlock(head);
        b.CondBr(i, body, [], exit, []);
        b.SwitchToBlock(body);
        b.Op("add", Operand.RegDef(i2), Operand.RegUse(i), Operand.RegUse(vs[1]));
        b.Jump(head, i2);
        b.SwitchToBlock(exit);
        var acc = vs[0];
        for (int k = 1; k < vs.Length; k++)
        {
            var n = b.NewVReg(RegClass.Int);
            b.Op("add", Operand.RegDef(n), Operand.RegUse(acc), Operand.RegUse(vs[k]));
            acc = n;
        }
        b.Ret(Operand.FixedUse(acc, TestIsa.R(0)));
        var code = b.Build();
        var r = TestIsa.AllocateAndCheck(code, Env4);
        Assert.True(r.Stats.Loads > 0);
        // No memory traffic inside the loop body.
        for (int e = r.FirstEditAt(code.BlockFirstInst(body)); e < r.Edits.Length && r.Edits[e].Inst < code.BlockEndInst(body); e++)
            Assert.False(r.Edits[e].From.IsStack || r.Edits[e].To.IsStack, r.Edits[e].ToString());
    }

    [Fact]
    public void SwappedBlockParamsBecomeAParallelMoveCycle()
    {
        // loop(a, b): ... jmp loop(b, a)
        var b = new VCodeBuilder<TestInst>();
        int b0 = b.CreateBlock(), loop = b.CreateBlock(), latch = b.CreateBlock(), exit = b.CreateBlock();
        var x = b.NewVReg(RegClass.Int);
        var y = b.NewVReg(RegClass.Int);
        var pa = b.NewVReg(RegClass.Int);
        var pb = b.NewVReg(RegClass.Int);
        var s = b.NewVReg(RegClass.Int);
        b.AddBlockParam(loop, pa);
        b.AddBlockParam(loop, pb);
        b.SwitchToBlock(b0);
        b.Op("c", Operand.RegDef(x));
        b.Op("c", Operand.RegDef(y));
        b.Jump(loop, x, y);
        b.SwitchToBlock(loop);
        b.Op("add", Operand.RegDef(s), Operand.RegUse(pa), Operand.RegUse(pb));
        b.CondBr(s, latch, [], exit, []);
        b.SwitchToBlock(latch);
        b.Jump(loop, pb, pa);
        b.SwitchToBlock(exit);
        b.Ret(Operand.FixedUse(s, TestIsa.R(0)));
        var code = b.Build();
        var r = TestIsa.AllocateAndCheck(code, Env4);
        int n = r.FirstEditAt(code.BlockEndInst(latch)) - r.FirstEditAt(code.BlockFirstInst(latch));
        Assert.Equal(3, n); // a swap through the scratch register
    }

    [Fact]
    public void CheckerRejectsCorruptedAllocations()
    {
        var env = TestIsa.Env(4, 3);
        int caught = 0, tried = 0;
        for (int seed = 0; seed < 200 && tried < 60; seed++)
        {
            var code = RandomProgram.Generate(seed, env, new RandomProgram.Options(Globals: 8));
            var r = RegAllocator.Allocate(code, env);
            // Redirect one register use to another register of its class.
            for (int k = 0; k < code.TotalOperandCount; k++)
            {
                int inst = 0;
                while (code.OperandOffset(inst + 1) <= k) inst++;
                var op = code.Operands(inst)[k - code.OperandOffset(inst)];
                if (op.Kind != OperandKind.Use || op.Constraint != OperandConstraint.Reg || !r.OperandAllocs[k].IsReg) continue;
                var regs = env.AllocatableRegs(op.VReg.Class);
                var old = r.OperandAllocs[k];
                r.OperandAllocs[k] = Allocation.Reg(regs[(Array.IndexOf(regs.ToArray(), old.AsReg) + 1) % regs.Length]);
                tried++;
                try { RegAllocChecker.Check(code, env, r); }
                catch (CheckerException) { caught++; }
                r.OperandAllocs[k] = old;
                break;
            }
        }
        Assert.True(tried >= 50);
        // A corrupted read can only go unnoticed if the other register happens to hold the same vreg.
        Assert.True(caught >= tried * 9 / 10, $"{caught} of {tried}");
    }

    [Fact]
    public void CheckerRejectsDroppedEdits()
    {
        var env = TestIsa.Env(3, 3);
        int caught = 0, tried = 0;
        for (int seed = 0; seed < 100; seed++)
        {
            var code = RandomProgram.Generate(seed, env, new RandomProgram.Options(Globals: 10));
            var r = RegAllocator.Allocate(code, env);
            if (r.Edits.Length == 0) continue;
            var rng = new Random(seed);
            var edits = r.Edits.ToList();
            edits.RemoveAt(rng.Next(edits.Count));
            var broken = new RegAllocResult
            {
                OperandAllocs = r.OperandAllocs, Edits = edits.ToArray(), SpillSlotCounts = r.SpillSlotCounts,
                CalleeSavedUsed = r.CalleeSavedUsed, BlockParamAllocs = r.BlockParamAllocs, Stats = r.Stats,
            };
            tried++;
            try { RegAllocChecker.Check(code, env, broken); }
            catch (CheckerException) { caught++; }
        }
        // Some dropped moves are harmless (a store of a value never reloaded on that path); most are not.
        Assert.True(caught >= tried / 2, $"{caught} of {tried}");
    }
}
