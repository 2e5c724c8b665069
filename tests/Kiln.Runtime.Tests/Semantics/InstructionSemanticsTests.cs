using Kiln.Wasm.Instructions;

namespace Kiln.Runtime.Tests.Semantics;

/// <summary>
/// Every scalar numeric instruction against hand-written results at its edge cases, compiled and executed
/// (see <see cref="InstructionRunner"/> for the shapes each row runs in). Each test case is named after its
/// instruction, so a wrong translation of one instruction fails the test of that instruction.
/// </summary>
public sealed class InstructionSemanticsTests
{
    public static TheoryData<string> I32Ops() => IntegerCases.I32.Theory();
    public static TheoryData<string> I64Ops() => IntegerCases.I64.Theory();
    public static TheoryData<string> F32Ops() => FloatCases.F32.Theory();
    public static TheoryData<string> F64Ops() => FloatCases.F64.Theory();
    public static TheoryData<string> ConversionOps() => ConversionCases.Book.Theory();

    [Theory, MemberData(nameof(I32Ops))]
    public void I32(string op) => InstructionRunner.Check(op, IntegerCases.I32[op]);

    [Theory, MemberData(nameof(I64Ops))]
    public void I64(string op) => InstructionRunner.Check(op, IntegerCases.I64[op]);

    [Theory, MemberData(nameof(F32Ops))]
    public void F32(string op) => InstructionRunner.Check(op, FloatCases.F32[op]);

    [Theory, MemberData(nameof(F64Ops))]
    public void F64(string op) => InstructionRunner.Check(op, FloatCases.F64[op]);

    [Theory, MemberData(nameof(ConversionOps))]
    public void Conversion(string op) => InstructionRunner.Check(op, ConversionCases.Book[op]);

    /// <summary>The opcode table only lists which instructions exist here; the expected values never come from it.</summary>
    [Fact]
    public void EveryScalarNumericInstructionHasRows()
    {
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var book in new[] { IntegerCases.I32, IntegerCases.I64, FloatCases.F32, FloatCases.F64, ConversionCases.Book })
            covered.UnionWith(book.Instructions);
        var missing = new List<string>();
        int numeric = 0;
        foreach (var info in OpcodeTable.All)
        {
            string name = info.Name;
            if (!(name.StartsWith("i32.", StringComparison.Ordinal) || name.StartsWith("i64.", StringComparison.Ordinal)
                  || name.StartsWith("f32.", StringComparison.Ordinal) || name.StartsWith("f64.", StringComparison.Ordinal)))
                continue;
            if (name.Contains("load", StringComparison.Ordinal) || name.Contains("store", StringComparison.Ordinal) || name.EndsWith(".const", StringComparison.Ordinal))
                continue;
            numeric++;
            if (!covered.Contains(name)) missing.Add(name);
        }
        Assert.True(numeric >= 120, $"only {numeric} scalar numeric instructions found in the opcode table");
        Assert.True(missing.Count == 0, "instructions without hand-written rows: " + string.Join(", ", missing));
    }
}
