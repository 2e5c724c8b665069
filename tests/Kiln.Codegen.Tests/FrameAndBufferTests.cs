using Kiln.IR;

namespace Kiln.Codegen.Tests;

public class FrameAndBufferTests
{
    [Fact]
    public void FrameLayoutIsAlignedAndDisjoint()
    {
        var env = TestIsa.Env(8, 8);
        var saved = PRegSet.Of(TestIsa.R(5), TestIsa.R(6), TestIsa.F(7));
        // AArch64-like: no pushed return address, a 16-byte setup area (fp, lr), 8 bytes per saved float.
        var f = new FrameLayout(env, saved, [3, 2], outgoingBytes: 24, [new StackSlotData(20, 8)], returnAddressSize: 0, setupAreaSize: 16);
        Assert.Equal(0, (f.ReturnAddressSize + f.FrameBytes) % 16);
        Assert.Equal(32, f.OutgoingBytes);                                   // 24 rounded to 16
        Assert.Equal(32, f.StackSlotOffset(0));                              // right above the outgoing area
        Assert.Equal(64, f.SlotOffset(new SpillSlot(RegClass.Float, 0)));    // 32 + 20, aligned to 16
        Assert.Equal(80, f.SlotOffset(new SpillSlot(RegClass.Float, 1)));
        Assert.Equal(96, f.SlotOffset(new SpillSlot(RegClass.Int, 0)));
        Assert.Equal(112, f.SlotOffset(new SpillSlot(RegClass.Int, 2)));
        Assert.Equal(24, f.CalleeSaveAreaSize);
        Assert.Equal(120, f.AllocatedBytes);                                 // 120 + 24 + 16 = 160
        // Saves go down from the setup area in register order: r5 highest.
        Assert.Equal([TestIsa.R(5), TestIsa.R(6), TestIsa.F(7)], f.Saved);
        Assert.Equal(136, f.SaveOffset(0));
        Assert.Equal(128, f.SaveOffset(1));
        Assert.Equal(120, f.SaveOffset(2));
        Assert.Equal(160, f.FrameBytes);

        // x86-64-like: the pushed return address and rbp make a 16-byte header; one push needs 8 bytes of padding.
        var leaf = new FrameLayout(env, PRegSet.Empty, [0, 0], 0, null, returnAddressSize: 8, setupAreaSize: 8);
        Assert.Equal(0, leaf.AllocatedBytes);
        var one = new FrameLayout(env, PRegSet.Of(TestIsa.R(5)), [1, 0], 0, null, returnAddressSize: 8, setupAreaSize: 8);
        Assert.Equal(0, one.SlotOffset(new SpillSlot(RegClass.Int, 0)));
        Assert.Equal(8, one.AllocatedBytes);                                 // 8 + 8 saved + 16 header = 32
        var two = new FrameLayout(env, PRegSet.Of(TestIsa.R(5), TestIsa.R(6)), [1, 0], 0, null, returnAddressSize: 8, setupAreaSize: 8);
        Assert.Equal(16, two.AllocatedBytes);                                // 8 + pad 8 + 16 saved + 16 header = 48
        Assert.Equal(0, (one.ReturnAddressSize + one.FrameBytes) % 16);
    }

    [Fact]
    public void X64Rel32ForwardAndBackward()
    {
        var buf = new CodeBuffer(4);
        var top = buf.NewLabel();
        var end = buf.NewLabel();
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
        var l = buf.NewLabel();
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
        var target = buf.NewLabel();
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
    public void TrapsRelocationsAndSourceMapResolveToOffsets()
    {
        var buf = new CodeBuffer();
        buf.AddSourceLoc(10);
        buf.Put1(0x90);
        buf.AddSourceLoc(12);
        buf.AddTrap(TrapCode.IntegerDivisionByZero);
        buf.Put2(0xF7F1);
        buf.AddReloc(1, RelocKind.X64PcRel32, "f3", isLibCall: false, addend: -4);
        buf.Put1(0xE8);
        buf.Put4(0);
        buf.AddTrap(TrapCode.User(5));
        buf.Put2(0x0B0F);
        var mc = buf.Finish();
        Assert.Equal([new TrapSite(1, TrapCode.IntegerDivisionByZero), new TrapSite(8, TrapCode.User(5))], mc.Traps);
        Assert.Equal(new Relocation(4, RelocKind.X64PcRel32, "f3", false, -4), mc.Relocations[0]);
        Assert.Equal([new SourceMapEntry(0, 10), new SourceMapEntry(1, 12)], mc.SourceMap);
        Assert.Equal(10, mc.Code.Length);
    }

    [Fact]
    public void RelocationsPatchTheirFields()
    {
        var code = new byte[12];
        Relocations.Apply(code, 1, RelocKind.X64PcRel32, -4, place: 1001, symbol: 900);
        Assert.Equal(900 - 4 - 1001, BitConverter.ToInt32(code, 1));
        BitConverter.GetBytes(0x94000000u).CopyTo(code, 8); // bl
        Relocations.Apply(code, 8, RelocKind.Arm64Call26, 0, place: 0x1000, symbol: 0x0FF0);
        Assert.Equal(0x94000000u | 0x03FF_FFFCu, BitConverter.ToUInt32(code, 8)); // -16 bytes = -4 words
        Assert.Throws<InvalidOperationException>(() => Relocations.Apply(code, 8, RelocKind.Arm64Call26, 0, 0, 2));
    }

    [Fact]
    public void UnboundLabelIsAnError()
    {
        var buf = new CodeBuffer();
        var l = buf.NewLabel();
        buf.UseLabel(0, l, LabelUseKind.X64Rel32);
        buf.Put4(0);
        Assert.Throws<InvalidOperationException>(() => buf.Finish());
    }
}
