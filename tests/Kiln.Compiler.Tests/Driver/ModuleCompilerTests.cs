using System.Buffers.Binary;
using System.Text;
using Kiln.Compiler.Driver;
using Kiln.Compiler.VmContext;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text;
using Kiln.Wasm.Validation;

namespace Kiln.Compiler.Tests.Driver;

public sealed class ModuleCompilerTests
{
    private const string Calls = """
        (module
          (type $ii (func (param i32) (result i32)))
          (type $ii2 (func (param i32) (result i32)))
          (import "h" "f" (func $h (type $ii)))
          (table 2 funcref)
          (memory 1)
          (func $a (export "a") (type $ii) (call $b (local.get 0)))
          (func $b (type $ii2) (i32.div_s (i32.load (local.get 0)) (call $h (local.get 0))))
          (func $c (param i32) (result i32) (call_indirect (type $ii) (local.get 0) (local.get 0))))
        """;

    private static (WasmModule Module, VmContextLayout Layout) Parse(string wat)
    {
        var m = WatParser.ParseModule(wat);
        m.CountImports();
        ModuleValidator.Validate(m);
        return (m, new VmContextLayout(m));
    }

    private static CompiledModule Compile(string wat, int threads = 0)
    {
        var (m, layout) = Parse(wat);
        return ModuleCompiler.Compile(m, layout, new ModuleCompilerOptions { Threads = threads });
    }

    [Fact]
    public void LaysOutAlignedNonOverlappingRanges()
    {
        var c = Compile(Calls);
        Assert.Equal(3, c.FunctionOffsets.Length);
        Assert.Equal(1, c.ImportedFunctionCount);
        Assert.Equal(-1, c.FunctionOffset(0));
        Assert.Equal(c.FunctionOffsets[0], c.FunctionOffset(1));
        int end = 0;
        foreach (var r in c.Ranges)
        {
            Assert.Equal(0, r.Start % 16);
            Assert.True(r.Start >= end, $"{r.Name} overlaps its predecessor");
            Assert.True(r.Length > 0);
            end = r.Start + r.Length;
        }
        Assert.True(end <= c.Code.Length);
        Assert.Contains(c.Ranges, r => r.Kind == CodeRangeKind.Function && r.Index == 2 && r.Name == "b");
    }

    [Fact]
    public void StructurallyEqualTypesShareTrampolines()
    {
        var c = Compile(Calls);
        Assert.Equal(c.EntryTrampolineOffsets[0], c.EntryTrampolineOffsets[1]);
        Assert.Equal(c.HostTrampolineOffsets[0], c.HostTrampolineOffsets[1]);
        Assert.NotEqual(c.EntryTrampolineOffsets[0], c.HostTrampolineOffsets[0]);
        Assert.Contains(c.Ranges, r => r.Kind == CodeRangeKind.EntryTrampoline && r.Start == c.EntryTrampolineOffsets[0]);
    }

    [Fact]
    public void ResolvesDirectCallsToTheCalleesOffset()
    {
        var c = Compile(Calls);
        var a = c.Ranges.Single(r => r.Kind == CodeRangeKind.Function && r.Index == 1);
        int target = c.FunctionOffset(2);
        bool found = false;
        for (int p = a.Start; p + 5 <= a.Start + a.Length; p++)
        {
            if (c.Code[p] == 0xE8 && p + 5 + BinaryPrimitives.ReadInt32LittleEndian(c.Code.AsSpan(p + 1)) == target) found = true;
        }
        Assert.True(found, "no call rel32 from $a lands on $b");
    }

    [Fact]
    public void TrapSitesAreBlobRelativeAndSorted()
    {
        var c = Compile(Calls);
        Assert.NotEmpty(c.TrapSites);
        for (int i = 1; i < c.TrapSites.Length; i++) Assert.True(c.TrapSites[i - 1].Offset < c.TrapSites[i].Offset);
        foreach (var t in c.TrapSites)
            Assert.Contains(c.Ranges, r => t.Offset >= r.Start && t.Offset < r.Start + r.Length);
        var b = c.Ranges.Single(r => r.Kind == CodeRangeKind.Function && r.Index == 2);
        var inB = c.TrapSites.Where(t => t.Offset >= b.Start && t.Offset < b.Start + b.Length).Select(t => t.Code).ToHashSet();
        Assert.Contains(Kiln.IR.TrapCode.HeapOutOfBounds, inB);
        Assert.Contains(Kiln.IR.TrapCode.IntegerDivisionByZero, inB);
        Assert.Contains(Kiln.IR.TrapCode.StackOverflow, inB);
    }

    [Fact]
    public void SourceMapPointsIntoTheCodeSection()
    {
        var c = Compile(Calls);
        Assert.Contains(c.SourceMap, e => e.WasmOffset > 0);
        for (int i = 1; i < c.SourceMap.Length; i++) Assert.True(c.SourceMap[i - 1].Offset <= c.SourceMap[i].Offset);
    }

    [Fact]
    public void OutputIsTheSameForAnyThreadCount()
    {
        var sb = new StringBuilder("(module (memory 1) (global $g (mut i32) (i32.const 0))\n");
        for (int i = 0; i < 60; i++)
        {
            sb.Append($"(func $f{i} (export \"f{i}\") (param i32 i64) (result i64)");
            sb.Append($" (global.set $g (i32.add (global.get $g) (i32.load offset={i * 4} (local.get 0))))");
            sb.Append(i > 0 ? $" (i64.mul (call $f{i - 1} (local.get 0) (local.get 1)) (i64.const {i + 3})))\n" : " (local.get 1))\n");
        }
        sb.Append(')');
        string wat = sb.ToString();
        var one = Compile(wat, threads: 1);
        for (int round = 0; round < 3; round++)
        {
            var many = Compile(wat, threads: 8);
            Assert.Equal(one.Code, many.Code);
            Assert.Equal(one.FunctionOffsets, many.FunctionOffsets);
            Assert.Equal(one.TrapSites, many.TrapSites);
            Assert.Equal(one.Ranges, many.Ranges);
            Assert.Equal(one.SourceMap, many.SourceMap);
        }
    }

    [Theory]
    [InlineData("(module (func (result v128) (v128.const i64x2 1 2)))")]
    [InlineData("(module (func (local v128)))")]
    [InlineData("(module (global v128 (v128.const i64x2 0 0)))")]
    [InlineData("(module (memory 1) (func (drop (i32x4.extract_lane 0 (v128.load (i32.const 0))))))")]
    public void RefusesSimd(string wat)
    {
        var (m, layout) = Parse(wat);
        var e = Assert.Throws<SimdNotSupportedException>(() => ModuleCompiler.Compile(m, layout));
        Assert.StartsWith("SIMD not supported yet", e.Message);
    }

    [Fact]
    public void AnEmptyModuleLinks()
    {
        var c = Compile("(module)");
        Assert.Empty(c.FunctionOffsets);
        Assert.NotEmpty(c.Code);
    }
}
