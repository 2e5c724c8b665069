using Kiln.Wasm.Model;
using Kiln.Wasm.Text;
using Kiln.Wasm.Validation;

namespace Kiln.Wasm.Tests.Validation;

/// <summary>Validation of multi-memory (every memory index checked against the memory count) and of shared memories.</summary>
public sealed class MultiMemoryValidationTests
{
    private static void Valid(string wat) => ModuleValidator.Validate(WatParser.ParseModule(wat));

    private static void Invalid(string wat, string reason, WasmFeatures features = WasmFeatures.Default)
    {
        var e = Assert.Throws<WasmValidationException>(() => ModuleValidator.Validate(WatParser.ParseModule(wat), features));
        Assert.StartsWith(reason, e.Reason);
    }

    [Fact]
    public void AnyNumberOfMemories()
    {
        Valid("(module (import \"m\" \"m\" (memory 1)) (memory 1) (memory 0) (memory 2 3))");
        Invalid("(module (memory 1) (memory 0))", "multiple memories", WasmFeatures.Wasm2);
    }

    [Theory]
    [InlineData("(drop (i32.load M (i32.const 0)))")]
    [InlineData("(i64.store M (i32.const 0) (i64.const 0))")]
    [InlineData("(drop (memory.size M))")]
    [InlineData("(drop (memory.grow M (i32.const 0)))")]
    [InlineData("(memory.fill M (i32.const 0) (i32.const 0) (i32.const 0))")]
    [InlineData("(memory.copy 0 M (i32.const 0) (i32.const 0) (i32.const 0))")]
    [InlineData("(memory.copy M 0 (i32.const 0) (i32.const 0) (i32.const 0))")]
    [InlineData("(memory.init M 0 (i32.const 0) (i32.const 0) (i32.const 0))")]
    public void EveryMemoryIndexIsChecked(string instruction)
    {
        string wat = $"(module (memory 1) (memory 1) (data \"x\") (func {instruction}))";
        Invalid(wat.Replace("M", "2", StringComparison.Ordinal), "unknown memory 2");
        Valid(wat.Replace("M", "1", StringComparison.Ordinal));
    }

    [Fact]
    public void ActiveDataSegmentsNameAnExistingMemory()
    {
        Valid("(module (memory 1) (memory 1) (data (memory 1) (i32.const 0) \"x\"))");
        Invalid("(module (memory 1) (memory 1) (data (memory 2) (i32.const 0) \"x\"))", "unknown memory 2");
    }

    [Fact]
    public void AlignmentIsCheckedPerAccessWhateverTheMemory() =>
        Invalid("(module (memory 1) (memory 1) (func (drop (i32.load 1 align=8 (i32.const 0)))))", "alignment must not be larger than natural");

    [Fact]
    public void SharedMemoriesNeedAMaximum()
    {
        Valid("(module (import \"m\" \"m\" (memory 0 0 shared)) (memory 1 2 shared))");
        Invalid("(module (memory 1 shared))", "shared memory must have maximum");
        Invalid("(module (import \"m\" \"m\" (memory 1 shared)))", "shared memory must have maximum");
        Invalid("(module (memory 1 2 shared))", "shared memories require the threads proposal", WasmFeatures.Wasm2);
    }
}
