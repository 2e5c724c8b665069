using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;
using static Kiln.Wasm.Model.ValType;
using static Kiln.Wasm.Tests.Validation.TestModule;

namespace Kiln.Wasm.Tests.Validation;

public class MemoryTests
{
    private static TestModule WithMemory(System.Action<CodeBuilder> body, ValType[]? results = null)
    {
        var m = new TestModule();
        m.Memory();
        m.Func(T(), results ?? T(), body);
        return m;
    }

    private static TestModule WithoutMemory(System.Action<CodeBuilder> body, ValType[]? results = null)
    {
        var m = new TestModule();
        m.Func(T(), results ?? T(), body);
        return m;
    }

    [Fact]
    public void Load_and_store_are_typed()
    {
        WithMemory(c => c.I32Const(0).Mem(Opcode.I64Load32U, 2), T(I64)).Valid();
        WithMemory(c => c.I32Const(0).Mem(Opcode.I64Load32U, 2), T(I32)).Invalid("type mismatch");
        WithMemory(c => c.I32Const(0).F64Const(0).Mem(Opcode.F64Store, 3)).Valid();
        WithMemory(c => c.I32Const(0).F32Const(0).Mem(Opcode.F64Store, 3)).Invalid("type mismatch");
        WithMemory(c => c.I64Const(0).F64Const(0).Mem(Opcode.F64Store, 3)).Invalid("type mismatch");
    }

    [Fact]
    public void Memory_instructions_need_a_memory()
    {
        WithoutMemory(c => c.I32Const(0).Mem(Opcode.I32Load, 2), T(I32)).Invalid("unknown memory 0");
        WithoutMemory(c => c.I32Const(0).I32Const(0).Mem(Opcode.I32Store8, 0)).Invalid("unknown memory");
        WithoutMemory(c => c.Op(Opcode.MemorySize).Byte(0), T(I32)).Invalid("unknown memory");
        WithoutMemory(c => c.I32Const(0).Op(Opcode.MemoryGrow).Byte(0), T(I32)).Invalid("unknown memory");
        WithoutMemory(c => c.I32Const(0).I32Const(0).I32Const(0).Op(Opcode.MemoryFill).Byte(0)).Invalid("unknown memory");
        WithoutMemory(c => c.I32Const(0).I32Const(0).I32Const(0).Op(Opcode.MemoryCopy).Byte(0).Byte(0)).Invalid("unknown memory");
        WithoutMemory(c => c.I32Const(0).Mem(Opcode.V128Load, 4), T(V128)).Invalid("unknown memory");
    }

    [Fact]
    public void Imported_memory_counts()
    {
        var m = new TestModule();
        m.ImportMemory(1);
        m.Func(T(), T(I32), c => c.Op(Opcode.MemorySize).Byte(0));
        m.Valid();
    }

    [Theory]
    [InlineData(Opcode.I32Load8S, 0)]
    [InlineData(Opcode.I32Load16U, 1)]
    [InlineData(Opcode.I32Load, 2)]
    [InlineData(Opcode.I64Load, 3)]
    [InlineData(Opcode.I64Load32S, 2)]
    [InlineData(Opcode.F32Load, 2)]
    [InlineData(Opcode.F64Load, 3)]
    [InlineData(Opcode.V128Load, 4)]
    [InlineData(Opcode.V128Load8x8S, 3)]
    [InlineData(Opcode.V128Load16Splat, 1)]
    [InlineData(Opcode.V128Load32Zero, 2)]
    public void Alignment_up_to_natural(Opcode load, uint natural)
    {
        WithMemory(c => c.I32Const(0).Mem(load, natural).Op(Opcode.Drop)).Valid();
        WithMemory(c => c.I32Const(0).Mem(load, 0).Op(Opcode.Drop)).Valid();
        WithMemory(c => c.I32Const(0).Mem(load, natural + 1).Op(Opcode.Drop))
            .Invalid("alignment must not be larger than natural");
    }

    [Theory]
    [InlineData(Opcode.I32Store8, 0, ValType.I32)]
    [InlineData(Opcode.I64Store16, 1, ValType.I64)]
    [InlineData(Opcode.I64Store32, 2, ValType.I64)]
    [InlineData(Opcode.F64Store, 3, ValType.F64)]
    [InlineData(Opcode.V128Store, 4, ValType.V128)]
    public void Store_alignment_up_to_natural(Opcode store, uint natural, ValType t)
    {
        WithMemory(c => c.I32Const(0).Const(t).Mem(store, natural)).Valid();
        WithMemory(c => c.I32Const(0).Const(t).Mem(store, natural + 1)).Invalid("alignment must not be larger than natural");
    }

    [Fact]
    public void At_most_one_memory_in_Wasm_2()
    {
        var two = new TestModule();
        two.Memory();
        two.Memory();
        two.Valid();
        var ex = Assert.Throws<Kiln.Wasm.Validation.WasmValidationException>(() => Kiln.Wasm.Validation.ModuleValidator.Validate(two.Module, WasmFeatures.Wasm2));
        Assert.StartsWith("multiple memories", ex.Reason);

        var importedAndDefined = new TestModule();
        importedAndDefined.ImportMemory(0);
        importedAndDefined.Memory(0);
        importedAndDefined.Valid();
        ex = Assert.Throws<Kiln.Wasm.Validation.WasmValidationException>(() => Kiln.Wasm.Validation.ModuleValidator.Validate(importedAndDefined.Module, WasmFeatures.Wasm2));
        Assert.StartsWith("multiple memories", ex.Reason);
    }

    [Fact]
    public void Memory_limits()
    {
        var ok = new TestModule();
        ok.Memory(0, 65536);
        ok.Valid();

        var bigMin = new TestModule();
        bigMin.Memory(65537);
        bigMin.Invalid("memory size must be at most 65536 pages (4GiB)");

        var bigMax = new TestModule();
        bigMax.Memory(0, 4294967295);
        bigMax.Invalid("memory size must be at most 65536 pages (4GiB)");

        var inverted = new TestModule();
        inverted.Memory(2, 1);
        inverted.Invalid("size minimum must not be greater than maximum");

        var imported = new TestModule();
        imported.ImportMemory(70000);
        imported.Invalid("memory size must be at most 65536 pages (4GiB)");
    }

    [Fact]
    public void Memory_init_and_data_drop()
    {
        var m = new TestModule();
        m.Memory();
        uint d = m.PassiveData();
        m.Func(T(), T(), c => c.I32Const(0).I32Const(0).I32Const(1).Op(Opcode.MemoryInit).U32(d).Byte(0).Op(Opcode.DataDrop).U32(d));
        m.Valid();
    }

    [Fact]
    public void Memory_init_operands_are_i32()
    {
        var m = new TestModule();
        m.Memory();
        uint d = m.PassiveData();
        m.Func(T(), T(), c => c.I32Const(0).I64Const(0).I32Const(1).Op(Opcode.MemoryInit).U32(d).Byte(0));
        m.Invalid("type mismatch");
    }

    [Fact]
    public void Unknown_data_segment()
    {
        var m = new TestModule();
        m.Memory();
        m.PassiveData();
        m.Func(T(), T(), c => c.Op(Opcode.DataDrop).U32(1));
        Assert.Equal("unknown data segment 1", m.Invalid("unknown data segment").Reason);

        var init = new TestModule();
        init.Memory();
        init.Module.DataCount = 0;
        init.Func(T(), T(), c => c.I32Const(0).I32Const(0).I32Const(1).Op(Opcode.MemoryInit).U32(0).Byte(0));
        init.Invalid("unknown data segment");
    }

    [Fact]
    public void Memory_init_without_memory()
    {
        var m = new TestModule();
        m.PassiveData();
        m.Func(T(), T(), c => c.I32Const(0).I32Const(0).I32Const(1).Op(Opcode.MemoryInit).U32(0).Byte(0));
        m.Invalid("unknown memory 0");
    }

    [Fact]
    public void Data_count_section_required()
    {
        var m = new TestModule();
        m.Memory();
        m.PassiveData();
        m.Module.DataCount = null;
        m.Func(T(), T(), c => c.Op(Opcode.DataDrop).U32(0));
        m.Invalid("data count section required");

        var init = new TestModule();
        init.Memory();
        init.PassiveData();
        init.Module.DataCount = null;
        init.Func(T(), T(), c => c.I32Const(0).I32Const(0).I32Const(1).Op(Opcode.MemoryInit).U32(0).Byte(0));
        init.Invalid("data count section required");
    }

    [Fact]
    public void Active_data_segments()
    {
        var m = new TestModule();
        m.Memory();
        m.ActiveData(c => c.I32Const(8));
        m.Valid();

        var noMemory = new TestModule();
        noMemory.ActiveData(c => c.I32Const(8));
        noMemory.Invalid("unknown memory 0");

        var badOffset = new TestModule();
        badOffset.Memory();
        badOffset.ActiveData(c => c.I64Const(8));
        badOffset.Invalid("type mismatch");

        var nonConst = new TestModule();
        nonConst.Memory();
        nonConst.ActiveData(c => c.I32Const(8).I32Const(1).Op(Opcode.I32Add));
        nonConst.Invalid("constant expression required");

        var definedGlobal = new TestModule();
        definedGlobal.Memory();
        definedGlobal.Global(I32);
        definedGlobal.ActiveData(c => c.GlobalGet(0));
        definedGlobal.Invalid("unknown global 0");

        var importedGlobal = new TestModule();
        importedGlobal.Memory();
        importedGlobal.ImportGlobal(I32);
        importedGlobal.ActiveData(c => c.GlobalGet(0));
        importedGlobal.Valid();
    }
}
