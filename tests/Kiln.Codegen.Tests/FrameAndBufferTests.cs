namespace Kiln.Codegen.Tests;

public class FrameAndBufferTests
{
    [Fact]
    public void FrameLayoutIsAlignedAndDisjoint()
    {
        var env = TestIsa.Env(8, 8);
        var saved = PRegSet.Of(TestIsa.R(5), TestIsa.R(6), TestIsa.F(7));
        var f = FrameLayout.Compute(env, [3, 2], saved, outgoingArgsSize: 24);
        Assert.Equal(0, (f.FrameSize + f.FixedHeaderSize) % 16);
        Assert.Equal(32, f.SpillSlotOffset(new SpillSlot(RegClass.Float, 0))); // after 24 bytes of args rounded to 32
        Assert.Equal(48, f.SpillSlotOffset(new SpillSlot(RegClass.Float, 1)));
        Assert.Equal(64, f.SpillSlotOffset(new SpillSlot(RegClass.Int, 0)));
        Assert.Equal(80, f.SpillSlotOffset(new SpillSlot(RegClass.Int, 2)));
        var saves = f.CalleeSaves.ToArray();
        Assert.Equal(3, saves.Length);
        Assert.Equal((TestIsa.F(7), 96), saves[0]);
        Assert.Equal((TestIsa.R(5), 112), saves[1]);
        Assert.Equal((TestIsa.R(6), 120), saves[2]);
        Assert.Equal(128, f.FrameSize);
        Assert.Equal(144, f.IncomingArgsOffset);

        var leaf = FrameLayout.Compute(env, [0, 0], PRegSet.Empty, 0);
        Assert.Equal(0, leaf.FrameSize);
        var one = FrameLayout.Compute(env, [1, 0], PRegSet.Empty, 0, fixedHeaderSize: 8);
        Assert.Equal(8, one.FrameSize); // 8 + 8-byte header (return address only) = 16
    }

    [Fact]
    public void X64Rel32ForwardAndBackward()
    {
        var buf = new CodeBuffer(4);
        var top = buf.CreateLabel();
        var end = buf.CreateLabel();
        buf.Bind(top);
        buf.Put1(0x90);
        buf.Put1(0xE9); // jmp end
        buf.UseLabel(buf.Offset, end, LabelUseKind.X64Rel32);
        buf.Put4(0);
        buf.Put1(0xE9); // jmp top
        buf.UseLabel(buf.Offset, top, LabelUseKind.X64Rel32);
        buf.Put4(0);
        for (int k = 0; k < 300; k++) buf.Put1(0x90);
        buf.Bind(end);
        buf.Put1(0xC3);
        var code = buf.Finish().Code;
        Assert.Equal(311 - 6, BitConverter.ToInt32(code, 2));  // end(311) - end of field(6)
        Assert.Equal(0 - 11, BitConverter.ToInt32(code, 7));  // top(0) - end of field(11)
    }

    [Fact]
    public void Rel8OutOfRangeIsAnError()
    {
        var buf = new CodeBuffer();
        var l = buf.CreateLabel();
        buf.Put1(0xEB);
        buf.UseLabel(buf.Offset, l, LabelUseKind.X64Rel8);
        buf.Put1(0);
        for (int k = 0; k < 200; k++) buf.Put1(0x90);
        buf.Bind(l);
        Assert.Throws<InvalidOperationException>(() => buf.Finish());
    }

    [Fact]
    public void Arm64BranchFieldsArePatchedInPlace()
    {
        var buf = new CodeBuffer();
        var target = buf.CreateLabel();
        buf.UseLabel(buf.Offset, target, LabelUseKind.Arm64Branch26);
        buf.Put4(0x14000000); // b
        buf.UseLabel(buf.Offset, target, LabelUseKind.Arm64Branch19);
        buf.Put4(0x54000001); // b.ne
        buf.Put4(0xD503201F); // nop
        buf.Bind(target);
        buf.Put4(0xD65F03C0); // ret
        var code = buf.Finish().Code;
        Assert.Equal(0x14000003u, BitConverter.ToUInt32(code, 0));             // +12 bytes = 3 words
        Assert.Equal(0x54000001u | (2u << 5), BitConverter.ToUInt32(code, 4)); // +8 bytes = 2 words, cond kept
    }

    [Fact]
    public void TrapsRelocationsAndSourceMap()
    {
        var buf = new CodeBuffer();
        buf.SetSourceLoc(10);
        buf.Put1(0x90);
        buf.SetSourceLoc(12);
        buf.AddTrap(TrapCode.IntegerDivisionByZero);
        buf.Put2(0xF7F1);
        buf.Put1(0xE8);
        buf.AddReloc(RelocKind.X64PcRel32, RelocTarget.Function(3), -4);
        buf.Put4(0);
        buf.SetSourceLoc(12);
        buf.AddRelocAt(buf.Offset, RelocKind.Abs64, RelocTarget.Runtime("memory_grow"));
        buf.Put8(0);
        buf.AddTrap(TrapCode.Unreachable);
        buf.Put2(0x0B0F);
        var mc = buf.Finish();
        Assert.Equal([new TrapSite(1, TrapCode.IntegerDivisionByZero), new TrapSite(16, TrapCode.Unreachable)], mc.Traps);
        Assert.Equal(new Relocation(4, RelocKind.X64PcRel32, RelocTarget.Function(3), -4), mc.Relocations[0]);
        Assert.Equal("memory_grow", mc.Relocations[1].Target.Name);
        Assert.Equal([new SourceLoc(0, 10), new SourceLoc(1, 12)], mc.SourceMap);
        Assert.Equal(18, mc.Code.Length);
    }

    [Fact]
    public void UnboundLabelIsAnError()
    {
        var buf = new CodeBuffer();
        var l = buf.CreateLabel();
        buf.UseLabel(0, l, LabelUseKind.X64Rel32);
        buf.Put4(0);
        Assert.Throws<InvalidOperationException>(() => buf.Finish());
    }
}
