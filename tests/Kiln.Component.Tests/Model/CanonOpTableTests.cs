using Kiln.Component.Model;

namespace Kiln.Component.Tests.Model;

public class CanonOpTableTests
{
    /// <summary>Every op of the enum has exactly one row, under its own code, and names are unique:
    /// a row missing or filed under the wrong byte would decode one built-in as another.</summary>
    [Fact]
    public void EveryOpHasOneRowUnderItsOwnCodeAndAUniqueName()
    {
        var names = new HashSet<string>();
        foreach (var op in Enum.GetValues<CanonOp>())
        {
            var row = CanonOpTable.Lookup((byte)op);
            Assert.NotNull(row);
            Assert.Equal(op, row!.Op);
            Assert.True(names.Add(row.Name), $"duplicate name {row.Name}");
            Assert.Same(row, CanonOpTable.Lookup(row.Name));
        }
        Assert.Equal(Enum.GetValues<CanonOp>().Length, CanonOpTable.All.Count());
    }

    [Theory]
    [InlineData("lift", CanonOp.Lift, new[] { CanonImmediate.CoreFunc, CanonImmediate.Options, CanonImmediate.Type })]
    [InlineData("stream.read", CanonOp.StreamRead, new[] { CanonImmediate.Type, CanonImmediate.Options })]
    [InlineData("waitable-set.wait", CanonOp.WaitableSetWait, new[] { CanonImmediate.Cancellable, CanonImmediate.CoreMemory })]
    [InlineData("thread.spawn-indirect", CanonOp.ThreadSpawnIndirect, new[] { CanonImmediate.Shared, CanonImmediate.CoreType, CanonImmediate.CoreTable })]
    public void RowsCarryBinaryMdImmediates(string name, CanonOp op, CanonImmediate[] immediates)
    {
        var row = CanonOpTable.Lookup(name)!;
        Assert.Equal(op, row.Op);
        Assert.Equal(immediates, row.Immediates);
    }

    [Fact]
    public void PrimitiveKeywordsRoundTrip()
    {
        foreach (var p in Enum.GetValues<PrimValType>())
        {
            Assert.True(PrimValTypes.TryParse(p.ToText(), out var back));
            Assert.Equal(p, back);
        }
        Assert.False(PrimValTypes.TryParse("i32", out _));
    }
}
