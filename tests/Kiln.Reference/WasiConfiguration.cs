using System.Runtime.InteropServices;
using System.Text;
using Kiln.Reference.Native;
using static Kiln.Reference.Native.WasmtimeNative;

namespace Kiln.Reference;

/// <summary>A directory the guest sees under <see cref="GuestPath"/>.</summary>
public readonly record struct WasiPreopenDir(string HostPath, string GuestPath, bool Mutable);

/// <summary>
/// What a WASI guest sees: arguments, environment, preopened directories, and where its standard streams go.
/// Output is inherited from this process unless a capture callback is given (it receives the guest's bytes
/// as they are written).
/// </summary>
public sealed class WasiConfiguration
{
    public List<string> Args { get; } = [];
    public List<KeyValuePair<string, string>> Env { get; } = [];
    public List<WasiPreopenDir> Preopens { get; } = [];

    /// <summary>Bytes the guest reads as stdin; null inherits this process's stdin.</summary>
    public byte[]? Stdin { get; set; }

    public Action<ReadOnlySpan<byte>>? Stdout { get; set; }
    public Action<ReadOnlySpan<byte>>? Stderr { get; set; }

    /// <summary>A <c>wasi_config_t*</c> (ownership passes to <c>wasmtime_context_set_wasi</c>).</summary>
    internal unsafe nint CreateNative()
    {
        nint config = wasi_config_new();
        try
        {
            using (var argv = new Utf8Strings(Args))
                if (!wasi_config_set_argv(config, (nuint)Args.Count, argv.Pointers))
                    throw new WasmtimeException("wasi_config_set_argv refused the arguments");
            using (var names = new Utf8Strings(Env.Select(e => e.Key).ToList()))
            using (var values = new Utf8Strings(Env.Select(e => e.Value).ToList()))
                if (!wasi_config_set_env(config, (nuint)Env.Count, names.Pointers, values.Pointers))
                    throw new WasmtimeException("wasi_config_set_env refused the environment");
            foreach (var dir in Preopens)
            {
                fixed (byte* host = Encoding.UTF8.GetBytes(dir.HostPath + "\0"))
                fixed (byte* guest = Encoding.UTF8.GetBytes(dir.GuestPath + "\0"))
                    if (!wasi_config_preopen_dir(config, host, guest, dir.Mutable))
                        throw new WasmtimeException($"wasi_config_preopen_dir refused {dir.HostPath} as {dir.GuestPath}");
            }
            if (Stdin is { } input)
            {
                ByteVec bytes = default;
                fixed (byte* p = input) wasm_byte_vec_new(&bytes, (nuint)input.Length, p);
                wasi_config_set_stdin_bytes(config, &bytes); // takes the bytes
            }
            else
            {
                wasi_config_inherit_stdin(config);
            }
            if (Stdout is { } stdout)
                wasi_config_set_stdout_custom(config, &Write, GCHandle.ToIntPtr(GCHandle.Alloc(stdout)), &Free);
            else
                wasi_config_inherit_stdout(config);
            if (Stderr is { } stderr)
                wasi_config_set_stderr_custom(config, &Write, GCHandle.ToIntPtr(GCHandle.Alloc(stderr)), &Free);
            else
                wasi_config_inherit_stderr(config);
            return config;
        }
        catch
        {
            wasi_config_delete(config);
            throw;
        }
    }

    [UnmanagedCallersOnly]
    private static unsafe nint Write(nint data, byte* buffer, nuint length)
    {
        try
        {
            var sink = (Action<ReadOnlySpan<byte>>)GCHandle.FromIntPtr(data).Target!;
            sink(new ReadOnlySpan<byte>(buffer, checked((int)length)));
            return (nint)length;
        }
        catch
        {
            return -1;
        }
    }

    [UnmanagedCallersOnly]
    private static void Free(nint data) => GCHandle.FromIntPtr(data).Free();

    /// <summary>NUL-terminated UTF-8 copies of strings and an array of pointers to them, freed on dispose.</summary>
    private sealed unsafe class Utf8Strings : IDisposable
    {
        private readonly nint[] strings;

        public Utf8Strings(IReadOnlyList<string> values)
        {
            strings = new nint[values.Count];
            Pointers = (byte**)NativeMemory.Alloc((nuint)Math.Max(1, values.Count), (nuint)sizeof(nint));
            for (int i = 0; i < values.Count; i++)
            {
                byte[] utf8 = Encoding.UTF8.GetBytes(values[i] + "\0");
                strings[i] = (nint)NativeMemory.Alloc((nuint)utf8.Length);
                utf8.CopyTo(new Span<byte>((void*)strings[i], utf8.Length));
                Pointers[i] = (byte*)strings[i];
            }
        }

        public byte** Pointers { get; }

        public void Dispose()
        {
            foreach (nint s in strings) NativeMemory.Free((void*)s);
            NativeMemory.Free(Pointers);
        }
    }
}
