using Kiln.Wasm.Model;
using Kiln.Wasm.Validation;

namespace Kiln.Wasm.Tests.Validation;

/// <summary>The implementation limits (wasmparser's limits.rs values) are refused at validation with a typed error that
/// names the limit; one past the limit fails, the limit itself passes.</summary>
public sealed class ImplementationLimitTests
{
    private static readonly ValType[] None = [];

    private static ImplementationLimitException Refused(WasmModule m) =>
        Assert.Throws<ImplementationLimitException>(() => ModuleValidator.Validate(m));

    [Fact]
    public void AFunctionTypeWithMoreThan1000ParamsIsRefused()
    {
        var atLimit = new TestModule();
        atLimit.Type(Enumerable.Repeat(ValType.I32, 1000).ToArray(), None);
        ModuleValidator.Validate(atLimit.Module);

        var over = new TestModule();
        over.Type(None, None);
        over.Type(Enumerable.Repeat(ValType.I64, 1001).ToArray(), None);
        var e = Refused(over.Module);
        Assert.Equal(ImplementationLimit.FunctionParams, e.Limit);
        Assert.Equal(1001, e.Value);
        Assert.Equal(1000, e.Maximum);
        Assert.Equal("type 1", e.Location);
    }

    [Fact]
    public void AFunctionTypeWithMoreThan1000ResultsIsRefused()
    {
        var over = new TestModule();
        over.Type(None, Enumerable.Repeat(ValType.F32, 1001).ToArray());
        Assert.Equal(ImplementationLimit.FunctionResults, Refused(over.Module).Limit);
    }

    [Fact]
    public void AFunctionBodyOver7654321BytesIsRefusedBeforeItIsValidated()
    {
        const int Max = 7_654_321;
        var body = new byte[Max + 1];
        body.AsSpan(0, Max).Fill(0x01); // nop
        body[Max] = 0x0B;               // end
        var m = new TestModule();
        uint t = m.Type(None, None);
        m.RawFunc(t, [0x0B]);
        m.RawFunc(t, body);
        var e = Refused(m.Module);
        Assert.Equal(ImplementationLimit.FunctionBodySize, e.Limit);
        Assert.Equal(Max + 1, e.Value);
        Assert.Equal("func 1", e.Location);

        // The same function one byte shorter is valid.
        var ok = new TestModule();
        ok.RawFunc(ok.Type(None, None), body[1..]);
        ModuleValidator.Validate(ok.Module);
    }

    [Fact]
    public void MoreThan100000DataSegmentsAreRefused()
    {
        var m = new TestModule();
        m.Memory();
        for (int i = 0; i <= 100_000; i++)
            m.Module.Data.Add(new DataSegment { Mode = SegmentMode.Passive, Data = new byte[] { 1 } });
        var e = Refused(m.Module);
        Assert.Equal(ImplementationLimit.DataSegments, e.Limit);
        Assert.Null(e.Location);

        m.Module.Data.RemoveAt(0);
        ModuleValidator.Validate(m.Module);
    }

    [Fact]
    public void MoreThan100TablesAreRefused()
    {
        var m = new TestModule();
        for (int i = 0; i < 101; i++) m.Table();
        Assert.Equal(ImplementationLimit.Tables, Refused(m.Module).Limit);
    }

    [Fact]
    public void EveryLimitHasADescriptionAndAPositiveMaximum()
    {
        foreach (var limit in Enum.GetValues<ImplementationLimit>())
        {
            Assert.True(ImplementationLimits.Maximum(limit) > 0, limit.ToString());
            Assert.False(string.IsNullOrWhiteSpace(ImplementationLimits.Describe(limit)), limit.ToString());
        }
        // Spot checks against wasmparser's limits.rs, so a wrong row cannot hide behind the table.
        Assert.Equal(7_654_321, ImplementationLimits.Maximum(ImplementationLimit.FunctionBodySize));
        Assert.Equal(1_000_000, ImplementationLimits.Maximum(ImplementationLimit.Functions));
        Assert.Equal(100_000, ImplementationLimits.Maximum(ImplementationLimit.ElementSegments));
        Assert.Equal(50_000, ImplementationLimits.Maximum(ImplementationLimit.FunctionLocals));
    }
}
