using System.Reflection;
using System.Runtime.InteropServices;
using Kiln.Compiler.VmContext;
using Kiln.IR;
using Kiln.Runtime.Builtins;

namespace Kiln.Runtime.Tests.Api;

/// <summary>The runtime's side of contracts shared with the compiler.</summary>
public sealed class ContractTests
{
    [Fact]
    public void TrapCodesAreTheWasmTraps()
    {
        // The values come from WasmTrap by construction; this pins that no trap is missing or misnamed.
        var wasm = Enum.GetValues<Kiln.Compiler.Traps.WasmTrap>();
        var rt = Enum.GetValues<TrapCode>();
        Assert.Equal(wasm.Length, rt.Length);
        foreach (var code in wasm)
            Assert.Equal(code.ToString(), ((TrapCode)(byte)code).ToString());
        foreach (var code in rt)
            Assert.DoesNotContain("unknown", TrapMessages.Of(code), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TrapCode.StackOverflow, "call stack exhausted")]
    [InlineData(TrapCode.HeapOutOfBounds, "out of bounds memory access")]
    [InlineData(TrapCode.TableOutOfBounds, "out of bounds table access")]
    [InlineData(TrapCode.TableOutOfBounds, "undefined element")]
    [InlineData(TrapCode.IndirectCallToNull, "uninitialized element")]
    [InlineData(TrapCode.BadSignature, "indirect call type mismatch")]
    [InlineData(TrapCode.IntegerOverflow, "integer overflow")]
    [InlineData(TrapCode.IntegerDivisionByZero, "integer divide by zero")]
    [InlineData(TrapCode.BadConversionToInteger, "invalid conversion to integer")]
    [InlineData(TrapCode.Unreachable, "unreachable")]
    [InlineData(TrapCode.UninitializedElement, "uninitialized element")]
    public void TrapMessagesUseTheSpecWording(TrapCode code, string expected)
    {
        Assert.Contains(expected, TrapMessages.Of(code));
        Assert.Equal(TrapMessages.Of(code), new Trap(code).Message);
        Assert.Equal(code, new Trap(code).Code);
    }

    [Fact]
    public void BuiltinImplementationsHaveTheContractSignatures()
    {
        Assert.Equal(BuiltinSignatures.Count, Enum.GetValues<Builtin>().Length);
        foreach (var builtin in Enum.GetValues<Builtin>())
        {
            // The unwinder's two are native (kilnrt_throw jumps into wasm frames, which managed code cannot do), and
            // memory.copy's memmove (no managed transition per copy).
            if (NativeBuiltins.TryGetValue(builtin, out var export))
            {
                Assert.Equal(Kiln.Runtime.Native.NativeRuntime.GetExport(export), BuiltinTable.Get(builtin));
                continue;
            }
            var method = typeof(BuiltinFunctions).GetMethod(builtin.ToString(), BindingFlags.Public | BindingFlags.Static)
                ?? typeof(ExceptionBuiltins).GetMethod(builtin.ToString(), BindingFlags.Public | BindingFlags.Static);
            Assert.NotNull(method);
            Assert.NotNull(method.GetCustomAttribute<UnmanagedCallersOnlyAttribute>());
            var signature = BuiltinSignatures.Of(builtin);
            var parameters = method.GetParameters().Select(p => IrTypeOf(p.ParameterType)).ToArray();
            Assert.Equal(signature.Params.ToArray(), parameters);
            var results = method.ReturnType == typeof(void) ? Array.Empty<IrType>() : [IrTypeOf(method.ReturnType)];
            Assert.Equal(signature.Results.ToArray(), results);
            Assert.NotEqual(0, BuiltinTable.Get(builtin));
        }
    }

    private static readonly Dictionary<Builtin, string> NativeBuiltins = new()
    {
        [Builtin.ExnThrow] = "kilnrt_throw",
        [Builtin.ExnCaught] = "kilnrt_exception_caught",
        [Builtin.MemoryMove] = "kilnrt_memory_move",
    };

    [Fact]
    public void EngineExposesTheBuiltinsTable()
    {
        var engine = new Engine();
        Assert.Equal(BuiltinTable.Address, engine.BuiltinsTable);
        Assert.NotEqual(0, engine.BuiltinsTable);
    }

    private static IrType IrTypeOf(Type t) =>
        t == typeof(nint) ? IrType.IPtr
        : t == typeof(int) || t == typeof(uint) ? IrType.I32
        : t == typeof(long) ? IrType.I64
        : throw new ArgumentException($"unexpected parameter type {t}");
}
