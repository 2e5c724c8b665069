using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;
using Kiln.Wasm.Validation;
using static Kiln.Wasm.Model.ValType;
using static Kiln.Wasm.Tests.Validation.TestModule;

namespace Kiln.Wasm.Tests.Validation;

public class ErrorReportingTests
{
    [Fact]
    public void Message_names_function_offset_and_types()
    {
        var m = new TestModule();
        m.ImportFunc(T(), T());
        m.ImportFunc(T(), T());
        m.Func(T(), T(), _ => { });
        // i32.const 1 (2 bytes), f64.const (9 bytes), then i32.add at offset 11 = 0xb.
        m.Func(T(), T(I32), c => c.I32Const(1).F64Const(2).Op(Opcode.I32Add));
        var ex = m.Invalid("type mismatch");
        Assert.Equal(3u, ex.FunctionIndex);
        Assert.Equal(0xb, ex.Offset);
        Assert.Equal("func 3 at offset 0xb: type mismatch: expected i32, found f64", ex.Message);
    }

    [Fact]
    public void Offsets_are_module_offsets_when_the_body_has_one()
    {
        var m = new TestModule();
        var code = new CodeBuilder().Op(Opcode.Nop).LocalGet(4).End().ToArray();
        m.Module.Types.Add(new FuncType([], []));
        m.Module.Functions.Add(0);
        m.Module.Codes.Add(new FunctionBody { Locals = [], Code = code, CodeOffset = 0x100 });
        var ex = m.Invalid("unknown local 4");
        Assert.Equal(0x101, ex.Offset);
        Assert.StartsWith("func 0 at offset 0x101: ", ex.Message);
    }

    [Fact]
    public void Module_level_errors_name_the_item()
    {
        var m = new TestModule();
        m.Func(T(), T(), _ => { });
        m.Export("dup", ExternalKind.Func, 0);
        m.Export("dup", ExternalKind.Func, 0);
        var ex = m.Invalid("duplicate export name");
        Assert.Null(ex.FunctionIndex);
        Assert.Equal("export \"dup\": duplicate export name", ex.Message);
    }

    [Fact]
    public void Malformed_code_is_a_decode_error()
    {
        var m = new TestModule();
        m.RawFunc(m.Type(T(), T()), [0xFF, 0x0B]);
        Assert.Throws<Kiln.Wasm.Binary.WasmDecodeException>(() => ModuleValidator.Validate(m.Module));
    }
}
