using System.Runtime.InteropServices;

namespace Kiln.Reference.Native;

/// <summary>
/// The functions of libwasmtime.so (NuGet package Wasmtime 50.0.1) that Kiln's tests, fuzzers and benchmarks
/// use. Opaque handles are <see cref="nint"/>; a returned <c>wasmtime_error_t*</c> is null on success and is
/// turned into an exception by <see cref="WasmtimeError.Check"/>. Signatures follow the headers of Wasmtime's
/// <c>crates/c-api/include</c>, each checked against the 50.0.1 library by a test that calls it.
/// </summary>
internal static unsafe partial class WasmtimeNative
{
    internal const string Lib = "wasmtime";

    // ---- engine and config (wasm.h, wasmtime/config.h, wasmtime/engine.h)
    [LibraryImport(Lib)] internal static partial nint wasm_config_new();
    [LibraryImport(Lib)] internal static partial void wasm_config_delete(nint config);
    [LibraryImport(Lib)] internal static partial nint wasm_engine_new_with_config(nint config);
    [LibraryImport(Lib)] internal static partial void wasm_engine_delete(nint engine);
    [LibraryImport(Lib)] internal static partial void wasmtime_engine_increment_epoch(nint engine);
    [LibraryImport(Lib)] internal static partial void wasmtime_config_consume_fuel_set(nint config, [MarshalAs(UnmanagedType.U1)] bool enable);
    [LibraryImport(Lib)] internal static partial void wasmtime_config_epoch_interruption_set(nint config, [MarshalAs(UnmanagedType.U1)] bool enable);
    [LibraryImport(Lib)] internal static partial void wasmtime_config_cranelift_opt_level_set(nint config, byte level);
    [LibraryImport(Lib)] internal static partial void wasmtime_config_parallel_compilation_set(nint config, [MarshalAs(UnmanagedType.U1)] bool enable);
    [LibraryImport(Lib)] internal static partial void wasmtime_config_wasm_component_model_set(nint config, [MarshalAs(UnmanagedType.U1)] bool enable);
    [LibraryImport(Lib)] internal static partial void wasmtime_config_max_wasm_stack_set(nint config, nuint size);
    [LibraryImport(Lib)] internal static partial nint wasmtime_config_target_set(nint config, byte* target);
    [LibraryImport(Lib)] internal static partial void wasmtime_config_cranelift_flag_set(nint config, byte* key, byte* value);

    // ---- errors, traps, frames (wasmtime/error.h, wasmtime/trap.h, wasm.h)
    [LibraryImport(Lib)] internal static partial void wasmtime_error_message(nint error, ByteVec* message);
    [LibraryImport(Lib)] internal static partial void wasmtime_error_delete(nint error);
    [LibraryImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool wasmtime_error_exit_status(nint error, int* status);
    [LibraryImport(Lib)] internal static partial void wasmtime_error_wasm_trace(nint error, PtrVec* frames);
    [LibraryImport(Lib)] internal static partial void wasm_trap_message(nint trap, ByteVec* message);
    [LibraryImport(Lib)] internal static partial void wasm_trap_delete(nint trap);
    [LibraryImport(Lib)] internal static partial void wasm_trap_trace(nint trap, PtrVec* frames);
    [LibraryImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool wasmtime_trap_code(nint trap, byte* code);
    [LibraryImport(Lib)] internal static partial nint wasmtime_trap_new(byte* message, nuint length);
    [LibraryImport(Lib)] internal static partial nint wasmtime_error_new(byte* nulTerminatedMessage);
    [LibraryImport(Lib)] internal static partial void wasm_frame_vec_delete(PtrVec* frames);
    [LibraryImport(Lib)] internal static partial uint wasm_frame_func_index(nint frame);
    [LibraryImport(Lib)] internal static partial ByteVec* wasmtime_frame_func_name(nint frame);

    // ---- byte vectors and text (wasm.h, wasmtime/wat.h)
    [LibraryImport(Lib)] internal static partial void wasm_byte_vec_new(ByteVec* output, nuint size, byte* data);
    [LibraryImport(Lib)] internal static partial void wasm_byte_vec_delete(ByteVec* vec);
    [LibraryImport(Lib)] internal static partial nint wasmtime_wat2wasm(byte* wat, nuint length, ByteVec* wasm);

    // ---- core modules (wasmtime/module.h)
    [LibraryImport(Lib)] internal static partial nint wasmtime_module_new(nint engine, byte* wasm, nuint length, nint* module);
    [LibraryImport(Lib)] internal static partial void wasmtime_module_delete(nint module);
    [LibraryImport(Lib)] internal static partial nint wasmtime_module_validate(nint engine, byte* wasm, nuint length);
    [LibraryImport(Lib)] internal static partial nint wasmtime_module_serialize(nint module, ByteVec* bytes);
    [LibraryImport(Lib)] internal static partial nint wasmtime_module_deserialize(nint engine, byte* bytes, nuint length, nint* module);

    // ---- stores (wasmtime/store.h)
    [LibraryImport(Lib)] internal static partial nint wasmtime_store_new(nint engine, nint data, nint finalizer);
    [LibraryImport(Lib)] internal static partial nint wasmtime_store_context(nint store);
    [LibraryImport(Lib)] internal static partial void wasmtime_store_delete(nint store);
    [LibraryImport(Lib)] internal static partial nint wasmtime_context_set_fuel(nint context, ulong fuel);
    [LibraryImport(Lib)] internal static partial nint wasmtime_context_get_fuel(nint context, ulong* fuel);
    [LibraryImport(Lib)] internal static partial void wasmtime_context_set_epoch_deadline(nint context, ulong ticksBeyondCurrent);
    [LibraryImport(Lib)] internal static partial nint wasmtime_context_set_wasi(nint context, nint wasiConfig);

    // ---- WASI configuration (wasi.h); one configuration serves preview1 modules and preview2 components
    [LibraryImport(Lib)] internal static partial nint wasi_config_new();
    [LibraryImport(Lib)] internal static partial void wasi_config_delete(nint config);
    [LibraryImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool wasi_config_set_argv(nint config, nuint argc, byte** argv);
    [LibraryImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool wasi_config_set_env(nint config, nuint count, byte** names, byte** values);
    [LibraryImport(Lib)] internal static partial void wasi_config_inherit_stdin(nint config);
    [LibraryImport(Lib)] internal static partial void wasi_config_inherit_stdout(nint config);
    [LibraryImport(Lib)] internal static partial void wasi_config_inherit_stderr(nint config);
    [LibraryImport(Lib)] internal static partial void wasi_config_set_stdin_bytes(nint config, ByteVec* bytes);
    [LibraryImport(Lib)] internal static partial void wasi_config_set_stdout_custom(nint config,
        delegate* unmanaged<nint, byte*, nuint, nint> callback, nint data, delegate* unmanaged<nint, void> finalizer);
    [LibraryImport(Lib)] internal static partial void wasi_config_set_stderr_custom(nint config,
        delegate* unmanaged<nint, byte*, nuint, nint> callback, nint data, delegate* unmanaged<nint, void> finalizer);
    [LibraryImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool wasi_config_preopen_dir(nint config,
        byte* hostPath, byte* guestPath, [MarshalAs(UnmanagedType.U1)] bool mutable);

    // ---- core linker, instances, functions (wasmtime/linker.h, instance.h, func.h, wasm.h types)
    [LibraryImport(Lib)] internal static partial nint wasmtime_linker_new(nint engine);
    [LibraryImport(Lib)] internal static partial void wasmtime_linker_delete(nint linker);
    [LibraryImport(Lib)] internal static partial nint wasmtime_linker_define_wasi(nint linker);
    [LibraryImport(Lib)] internal static partial nint wasmtime_linker_define_func(nint linker, byte* module, nuint moduleLength,
        byte* name, nuint nameLength, nint functype,
        delegate* unmanaged<nint, nint, NativeVal*, nuint, NativeVal*, nuint, nint> callback, nint data,
        delegate* unmanaged<nint, void> finalizer);
    [LibraryImport(Lib)] internal static partial nint wasmtime_linker_instantiate(nint linker, nint context, nint module,
        NativeInstance* instance, nint* trap);
    [LibraryImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool wasmtime_instance_export_get(nint context,
        NativeInstance* instance, byte* name, nuint nameLength, NativeExtern* item);
    [LibraryImport(Lib)] internal static partial nint wasmtime_func_call(nint context, NativeFunc* func, NativeVal* args, nuint argCount,
        NativeVal* results, nuint resultCount, nint* trap);
    [LibraryImport(Lib)] internal static partial nint wasmtime_func_type(nint context, NativeFunc* func);
    [LibraryImport(Lib)] internal static partial PtrVec* wasm_functype_params(nint functype);
    [LibraryImport(Lib)] internal static partial PtrVec* wasm_functype_results(nint functype);
    [LibraryImport(Lib)] internal static partial nint wasm_functype_new(PtrVec* paramTypes, PtrVec* resultTypes);
    [LibraryImport(Lib)] internal static partial void wasm_functype_delete(nint functype);
    [LibraryImport(Lib)] internal static partial nint wasm_valtype_new(byte kind);
    [LibraryImport(Lib)] internal static partial byte wasm_valtype_kind(nint valtype);
    [LibraryImport(Lib)] internal static partial void wasm_valtype_vec_new(PtrVec* output, nuint size, nint* data);

    // ---- components (wasmtime/component/*.h)
    [LibraryImport(Lib)] internal static partial nint wasmtime_component_new(nint engine, byte* bytes, nuint length, nint* component);
    [LibraryImport(Lib)] internal static partial void wasmtime_component_delete(nint component);
    [LibraryImport(Lib)] internal static partial nint wasmtime_component_serialize(nint component, ByteVec* bytes);
    [LibraryImport(Lib)] internal static partial nint wasmtime_component_deserialize(nint engine, byte* bytes, nuint length, nint* component);
    [LibraryImport(Lib)] internal static partial nint wasmtime_component_get_export_index(nint component, nint parent, byte* name, nuint nameLength);
    [LibraryImport(Lib)] internal static partial void wasmtime_component_export_index_delete(nint index);
    [LibraryImport(Lib)] internal static partial nint wasmtime_component_linker_new(nint engine);
    [LibraryImport(Lib)] internal static partial void wasmtime_component_linker_delete(nint linker);
    [LibraryImport(Lib)] internal static partial nint wasmtime_component_linker_root(nint linker);
    [LibraryImport(Lib)] internal static partial nint wasmtime_component_linker_add_wasip2(nint linker);
    [LibraryImport(Lib)] internal static partial nint wasmtime_component_linker_instantiate(nint linker, nint context, nint component,
        NativeComponentInstance* instance);
    [LibraryImport(Lib)] internal static partial nint wasmtime_component_linker_instance_add_instance(nint linkerInstance,
        byte* name, nuint nameLength, nint* child);
    [LibraryImport(Lib)] internal static partial nint wasmtime_component_linker_instance_add_func(nint linkerInstance,
        byte* name, nuint nameLength,
        delegate* unmanaged<nint, nint, nint, NativeComponentVal*, nuint, NativeComponentVal*, nuint, nint> callback,
        nint data, delegate* unmanaged<nint, void> finalizer);
    [LibraryImport(Lib)] internal static partial void wasmtime_component_linker_instance_delete(nint linkerInstance);
    [LibraryImport(Lib)] internal static partial nint wasmtime_component_instance_get_export_index(NativeComponentInstance* instance,
        nint context, nint parent, byte* name, nuint nameLength);
    [LibraryImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool wasmtime_component_instance_get_func(
        NativeComponentInstance* instance, nint context, nint exportIndex, NativeComponentFunc* func);
    [LibraryImport(Lib)] internal static partial nint wasmtime_component_func_call(NativeComponentFunc* func, nint context,
        NativeComponentVal* args, nuint argCount, NativeComponentVal* results, nuint resultCount);
    [LibraryImport(Lib)] internal static partial nint wasmtime_component_func_post_return(NativeComponentFunc* func, nint context);
    [LibraryImport(Lib)] internal static partial nint wasmtime_component_func_type(NativeComponentFunc* func, nint context);
    [LibraryImport(Lib)] internal static partial void wasmtime_component_func_type_delete(nint type);
    [LibraryImport(Lib)] internal static partial nuint wasmtime_component_func_type_param_count(nint type);
    [LibraryImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool wasmtime_component_func_type_result(nint type,
        NativeComponentValType* result);
    [LibraryImport(Lib)] internal static partial void wasmtime_component_valtype_delete(NativeComponentValType* type);

    // ---- component values (wasmtime/component/val.h). Every value handed to Wasmtime is built in memory
    // Wasmtime allocated (its vectors and boxes), so that Wasmtime can free what it takes over.
    [LibraryImport(Lib)] internal static partial NativeComponentVal* wasmtime_component_val_new(NativeComponentVal* moveFrom);
    [LibraryImport(Lib)] internal static partial void wasmtime_component_val_delete(NativeComponentVal* value);
    [LibraryImport(Lib)] internal static partial void wasmtime_component_val_clone(NativeComponentVal* source, NativeComponentVal* destination);
    [LibraryImport(Lib)] internal static partial void wasmtime_component_vallist_new_uninit(ByteVec* output, nuint size);
    [LibraryImport(Lib)] internal static partial void wasmtime_component_valtuple_new_uninit(ByteVec* output, nuint size);
    [LibraryImport(Lib)] internal static partial void wasmtime_component_valrecord_new_uninit(ByteVec* output, nuint size);
    [LibraryImport(Lib)] internal static partial void wasmtime_component_valflags_new_uninit(ByteVec* output, nuint size);
}
