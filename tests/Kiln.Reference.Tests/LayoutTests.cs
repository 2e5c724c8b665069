using System.Text;
using Kiln.Reference.Native;
using static Kiln.Reference.Native.WasmtimeNative;

namespace Kiln.Reference.Tests;

/// <summary>
/// How many bytes the 50.0.1 library writes through each out-parameter, seen through a canary: a buffer filled
/// with 0xAB, of which only the struct's own bytes may change. A struct declared too small would be copied
/// short (lost fields), one too large would pass garbage on to Wasmtime.
/// </summary>
public sealed unsafe class LayoutTests : IDisposable
{
    private const int Canary = 128;
    private readonly WasmtimeEngine engine = new();
    private readonly WasmtimeStore store;

    public LayoutTests() => store = new WasmtimeStore(engine);

    public void Dispose()
    {
        store.Dispose();
        engine.Dispose();
    }

    /// <summary>Runs <paramref name="write"/> on a canary buffer; returns one past the last byte it changed.</summary>
    private static int WrittenExtent(Action<nint> write)
    {
        byte* buffer = stackalloc byte[Canary];
        new Span<byte>(buffer, Canary).Fill(0xAB);
        write((nint)buffer);
        int end = 0;
        for (int i = 0; i < Canary; i++) if (buffer[i] != 0xAB) end = i + 1;
        return end;
    }

    private static void Fits<T>(int extent, int expectedSize) where T : unmanaged
    {
        Assert.Equal(expectedSize, sizeof(T));
        Assert.InRange(extent, expectedSize - 7, expectedSize); // its last field is written, nothing after it
    }

    [Fact]
    public void ComponentInstanceAndFuncAsWritten()
    {
        using var component = WasmtimeComponent.Compile(engine, WasmtimeWat.ToWasm("""
            (component
              (core module $m (func (export "f") (param i32) (result i32) local.get 0))
              (core instance $i (instantiate $m))
              (func (export "f") (param "x" u32) (result u32) (canon lift (core func $i "f"))))
            """));
        using var linker = new WasmtimeComponentLinker(engine);
        nint context = store.Context;
        NativeComponentInstance instance = default;
        int instanceExtent = WrittenExtent(p =>
        {
            WasmtimeError.Check(wasmtime_component_linker_instantiate(linker.Handle.Raw, context, component.Handle.Raw, (NativeComponentInstance*)p));
            instance = *(NativeComponentInstance*)p;
        });
        Fits<NativeComponentInstance>(instanceExtent, 16);
        byte[] name = "f"u8.ToArray();
        nint index;
        var forIndex = instance;
        fixed (byte* n = name) index = wasmtime_component_instance_get_export_index(&forIndex, context, 0, n, 1);
        Assert.NotEqual(0, index);
        var inst = instance;
        int funcExtent = WrittenExtent(p =>
        {
            var i = inst;
            Assert.True(wasmtime_component_instance_get_func(&i, context, index, (NativeComponentFunc*)p));
        });
        wasmtime_component_export_index_delete(index);
        // 32, where the 49 headers say 24: the pointer at offset 24 is new in 50.
        Fits<NativeComponentFunc>(funcExtent, 32);
    }

    [Fact]
    public void CoreInstanceAndExternAsWritten()
    {
        using var module = WasmtimeModule.Compile(engine, WasmtimeWat.ToWasm("(module (func (export \"f\")))"));
        using var linker = new WasmtimeLinker(engine);
        nint context = store.Context;
        NativeInstance instance = default;
        int instanceExtent = WrittenExtent(p =>
        {
            nint trap = 0;
            WasmtimeError.Check(wasmtime_linker_instantiate(linker.Handle.Raw, context, module.Handle.Raw, (NativeInstance*)p, &trap), trap);
            instance = *(NativeInstance*)p;
        });
        Fits<NativeInstance>(instanceExtent, 16);
        int externExtent = WrittenExtent(p =>
        {
            var i = instance;
            fixed (byte* n = "f"u8) Assert.True(wasmtime_instance_export_get(context, &i, n, 1, (NativeExtern*)p));
            Assert.Equal(NativeExtern.KindFunc, ((NativeExtern*)p)->Kind);
        });
        // kind, then the 24-byte union (memories, globals), which Wasmtime writes whole.
        Fits<NativeExtern>(externExtent, 32);
    }

    [Fact]
    public void ComponentValueAsWrittenByClone()
    {
        Assert.Equal(48, sizeof(NativeRecordEntry));
        // A variant is the union's largest member: discriminant name at 8..23, payload pointer at 24..31.
        var v = (NativeComponentVal*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(32);
        ComponentValueMarshal.ToNative(new ComponentValue.Variant("case", new ComponentValue.U8(1)), v);
        NativeComponentVal captured = default;
        int extent = WrittenExtent(p =>
        {
            wasmtime_component_val_clone(v, (NativeComponentVal*)p);
            captured = *(NativeComponentVal*)p;
        });
        Fits<NativeComponentVal>(extent, 32);
        var copy = captured;
        Assert.Equal(new ComponentValue.Variant("case", new ComponentValue.U8(1)), ComponentValueMarshal.FromNative(&copy));
        wasmtime_component_val_delete(&copy);
        wasmtime_component_val_delete(v);
        System.Runtime.InteropServices.NativeMemory.Free(v);
    }

    [Fact]
    public void ComponentValTypeAsWritten()
    {
        using var component = WasmtimeComponent.Compile(engine, WasmtimeWat.ToWasm("""
            (component
              (core module $m (func (export "f") (param i32) (result i32) local.get 0))
              (core instance $i (instantiate $m))
              (func (export "f") (param "x" u32) (result u32) (canon lift (core func $i "f"))))
            """));
        using var linker = new WasmtimeComponentLinker(engine);
        var instance = linker.Instantiate(store, component);
        Assert.NotNull(instance.GetFunc("f"));
        NativeComponentInstance raw = default;
        nint context = store.Context;
        WasmtimeError.Check(wasmtime_component_linker_instantiate(linker.Handle.Raw, context, component.Handle.Raw, &raw));
        nint index;
        fixed (byte* n = "f"u8) index = wasmtime_component_instance_get_export_index(&raw, context, 0, n, 1);
        NativeComponentFunc func;
        Assert.True(wasmtime_component_instance_get_func(&raw, context, index, &func));
        wasmtime_component_export_index_delete(index);
        nint type = wasmtime_component_func_type(&func, context);
        NativeComponentValType result = default;
        int extent = WrittenExtent(p =>
        {
            Assert.True(wasmtime_component_func_type_result(type, (NativeComponentValType*)p));
            result = *(NativeComponentValType*)p;
        });
        wasmtime_component_func_type_delete(type);
        Assert.Equal(7, result.Kind); // WASMTIME_COMPONENT_VALTYPE_U32: the type kinds are numbered s8..s64 before u8..u64
        Assert.InRange(extent, 1, sizeof(NativeComponentValType));
        Assert.Equal(16, sizeof(NativeComponentValType));
    }
}
