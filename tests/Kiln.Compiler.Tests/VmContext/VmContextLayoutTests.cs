using Kiln.Compiler.Tests.Translate;
using Kiln.Compiler.VmContext;
using Kiln.IR;

namespace Kiln.Compiler.Tests.VmContext;

public class VmContextLayoutTests
{
    private const string Sample = """
        (module
          (import "m" "f" (func $f (param i32)))
          (import "m" "g" (global $g i32))
          (import "m" "mem" (memory 1))
          (import "m" "t" (table 1 funcref))
          (table 2 externref)
          (global $h (mut i64) (i64.const 0))
          (global $k f32 (f32.const 0))
          (func $a) (func $b))
        """;

    [Fact]
    public void RegionsFollowTheHeaderInOrder()
    {
        var l = new VmContextLayout(Wat.Parse(Sample));
        Assert.Equal(32, VmContextLayout.HeaderSize);
        Assert.Equal(32, l.MemoryOffset(0));
        Assert.Equal(40, l.TableOffset(0));
        Assert.Equal(48, l.TableOffset(1));
        Assert.Equal(56, l.ImportedFunctionOffset(0));
        Assert.True(l.IsGlobalImported(0));
        Assert.Equal(72, l.GlobalOffset(0));   // pointer to the owner's slot
        Assert.False(l.IsGlobalImported(1));
        Assert.Equal(80, l.GlobalOffset(1));   // inline, 16-aligned
        Assert.Equal(96, l.GlobalOffset(2));
        Assert.Equal(112, l.FuncRefOffset(0)); // imported function's funcref comes first
        Assert.Equal(112 + 24, l.FuncRefOffset(1));
        Assert.Equal(112 + 3 * 24, l.FuncRefOffset(2) + 24);
        Assert.Equal(192, l.Size);
        Assert.Equal(0, l.DefinedGlobalsStart % 16);
    }

    [Fact]
    public void EmptyModuleIsJustTheHeader()
    {
        var l = new VmContextLayout(Wat.Parse("(module)"));
        Assert.Equal(VmContextLayout.HeaderSize, l.Size);
    }

    [Fact]
    public void IndicesAreChecked()
    {
        var l = new VmContextLayout(Wat.Parse(Sample));
        Assert.Throws<ArgumentOutOfRangeException>(() => l.MemoryOffset(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => l.ImportedFunctionOffset(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => l.FuncRefOffset(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => l.GlobalOffset(3));
    }

    [Fact]
    public void GuardCoversEveryStaticAccess()
    {
        // Largest u32 index + largest u32 offset + widest scalar access must stay inside reservation + guard.
        const ulong furthest = uint.MaxValue + (ulong)uint.MaxValue + 8;
        Assert.True(furthest <= VmContextLayout.MemoryReservation + VmContextLayout.MemoryGuard);
    }

    [Fact]
    public void StructLayoutsAreDense()
    {
        Assert.Equal(VMFuncRef.Size, VMFuncRef.TypeId + 8);
        Assert.Equal(VMImportedFunction.Size, 2 * VmContextLayout.PointerSize);
        Assert.Equal(VMMemoryDefinition.Size, VMMemoryDefinition.LengthInBytes + 8);
        Assert.Equal(VMTableDefinition.Size, VMTableDefinition.CurrentLength + 8);
    }

    [Fact]
    public void BuiltinTablesCoverEveryBuiltin()
    {
        foreach (var b in Enum.GetValues<Builtin>())
        {
            var sig = BuiltinSignatures.Of(b);
            Assert.Equal(IrType.IPtr, sig.Params[0]);
            Assert.False(string.IsNullOrEmpty(BuiltinSignatures.Name(b)));
            if (BuiltinSignatures.FailureTrap(b) != TrapCode.None)
            {
                Assert.Equal([IrType.I32], sig.Results);
            }
        }
        Assert.Equal(Enum.GetValues<Builtin>().Length, BuiltinSignatures.Count);
    }

    [Fact]
    public void WasmSignaturesPutTheVmctxFirst()
    {
        var m = Wat.Parse("(module (func (param i64 funcref externref) (result f32 i32) (f32.const 0) (i32.const 0)))");
        var s = CallingConvention.WasmSignature(m.Types[0]);
        Assert.Equal([IrType.IPtr, IrType.I64, IrType.IPtr, IrType.IPtr], s.Params);
        Assert.Equal([IrType.F32, IrType.I32], s.Results);
    }
}
