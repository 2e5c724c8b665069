using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Kiln.Runtime.Native;

/// <summary>
/// Binding for libkilnrt (runtime-native/include/kilnrt.h): the trap runtime, entry into
/// generated code, and memory primitives. The raw imports keep the C names' meaning; the
/// methods above them check errors and throw.
/// </summary>
/// <remarks>
/// The library ships next to this assembly (the build copies it there). This class owns the
/// assembly's <see cref="NativeLibrary.SetDllImportResolver"/>: there can be only one per
/// assembly, so other native imports in Kiln.Runtime should go through it too.
/// </remarks>
internal static unsafe partial class NativeRuntime
{
    public const string LibraryName = "kilnrt";
    public const string LibraryFileName = "libkilnrt.so";

    /// <summary>KILNRT_ABI_VERSION this binding was written against.</summary>
    public const uint AbiVersion = 3;

    /// <summary>KILNRT_MAX_CODE_RANGES.</summary>
    public const int MaxCodeRanges = 4096;

    private static readonly object s_initLock = new();
    private static nint s_library;
    private static volatile bool s_initialized;

    // An explicit static constructor (no beforefieldinit) runs before the first import is
    // called, so the resolver is in place whichever method is used first.
    static NativeRuntime()
    {
        NativeLibrary.SetDllImportResolver(typeof(NativeRuntime).Assembly, Resolve);
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == LibraryName ? LibraryHandle : 0;

    /// <summary>The loaded libkilnrt, from this assembly's directory (falls back to the default search).</summary>
    public static nint LibraryHandle
    {
        get
        {
            if (s_library != 0)
                return s_library;
            lock (s_initLock)
            {
                if (s_library == 0)
                    s_library = Load();
                return s_library;
            }
        }
    }

    // Assembly.Location is empty in a single-file or Native AOT kiln; the app's directory is searched next anyway.
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("SingleFile", "IL3000:Avoid accessing Assembly file path when publishing as a single file",
        Justification = "An empty Location is skipped; AppContext.BaseDirectory, searched next, is where a single-file or native kiln keeps libkilnrt.so.")]
    private static nint Load()
    {
        var directories = new List<string>();
        string location = typeof(NativeRuntime).Assembly.Location;
        if (location.Length > 0)
            directories.Add(Path.GetDirectoryName(location)!);
        directories.Add(AppContext.BaseDirectory);
        // From the NuGet package in an app built without a runtime identifier: runtimes/<rid>/native under the app.
        string rid = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        directories.Add(Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native"));
        foreach (string directory in directories)
        {
            string path = Path.Combine(directory, LibraryFileName);
            if (File.Exists(path))
                return NativeLibrary.Load(path);
        }
        // Not beside us: let the loader search (LD_LIBRARY_PATH etc.), with a clear error if absent.
        if (NativeLibrary.TryLoad(LibraryFileName, out nint handle))
            return handle;
        throw new DllNotFoundException(
            $"{LibraryFileName} was not found in {string.Join(" or ", directories)} nor on the library path. " +
            "It is built by building src/Kiln.Runtime/Kiln.Runtime.csproj.");
    }

    /// <summary>The address of an exported function, e.g. kilnrt_trap_raise for generated code to call.</summary>
    public static nint GetExport(string name) => NativeLibrary.GetExport(LibraryHandle, name);

    /// <summary>
    /// Loads the library, checks its ABI version and installs the fault handlers (chaining to
    /// the .NET runtime's). Idempotent and thread-safe.
    /// </summary>
    public static void Initialize()
    {
        if (s_initialized)
            return;
        lock (s_initLock)
        {
            if (s_initialized)
                return;
            uint version = kilnrt_abi_version();
            if (version != AbiVersion)
                throw new InvalidOperationException(
                    $"{LibraryFileName} has ABI version {version}, but this Kiln.Runtime expects {AbiVersion}; rebuild.");
            Check(kilnrt_init(), "kilnrt_init");
            s_initialized = true;
        }
    }

    /// <summary>
    /// Calls <paramref name="function"/>(<paramref name="vmctx"/>, <paramref name="args"/>) through
    /// kilnrt_call. Returns <see cref="TrapKind.None"/> if it returned, else the trap kind with
    /// <paramref name="trap"/> filled. Only native frames may lie between a trap and this call.
    /// </summary>
    public static TrapKind Call(nint function, nint vmctx, nint args, out TrapInfo trap)
    {
        Initialize();
        TrapInfo result;
        int kind = kilnrt_call(function, vmctx, args, &result);
        if (kind < 0)
            Check(-kind, "kilnrt_call (preparing the thread)");
        trap = kind == 0 ? default : result;
        return (TrapKind)kind;
    }

    /// <summary>Address of kilnrt_trap_raise(uint32_t code), for generated trampolines.</summary>
    public static nint TrapRaiseFunction => GetExport("kilnrt_trap_raise");

    /// <summary>
    /// The calling thread's last trap's frames, innermost first (kilnrt_trap_frames): the faulting PC of a
    /// signal trap, then return addresses into registered code up to the entry. Copied, since the next trap on
    /// the thread overwrites them; <paramref name="total"/> counts those beyond the recorded ones too.
    /// </summary>
    public static nint[] TrapFrames(out int total)
    {
        nint* frames;
        uint all;
        uint count = kilnrt_trap_frames(&frames, &all);
        total = (int)all;
        return new ReadOnlySpan<nint>(frames, (int)count).ToArray();
    }

    /// <summary>Number of kilnrt_call entries active on the calling thread.</summary>
    public static uint EntryDepth => kilnrt_entry_depth();

    public static nuint PageSize => kilnrt_page_size();

    /// <summary>
    /// The lowest stack address generated code may use on this thread (stack end + reserve +
    /// KILNRT_STACK_SAFETY_MARGIN), for the prologue check; throws if it cannot be determined.
    /// </summary>
    public static nuint StackLimit(nuint reserve)
    {
        nuint limit = kilnrt_stack_limit(reserve);
        if (limit == 0)
            throw new InvalidOperationException("kilnrt_stack_limit: the thread's stack bounds are unknown or too small.");
        return limit;
    }

    public static void RegisterCode(nint start, nuint length) =>
        Check(kilnrt_register_code(start, length), "kilnrt_register_code");

    public static void UnregisterCode(nint start) =>
        Check(kilnrt_unregister_code(start), "kilnrt_unregister_code");

    public static bool IsInRegisteredCode(nint pc) => kilnrt_code_contains(pc) != 0;

    /// <summary>Throws for a non-zero errno value returned by a kilnrt function.</summary>
    internal static void Check(int errno, string function)
    {
        if (errno != 0)
            throw new Win32Exception(errno, $"{function} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
    }

    // Raw imports. All arguments are blittable, so the generated stubs are plain calls.

    [LibraryImport(LibraryName)]
    internal static partial uint kilnrt_abi_version();

    [LibraryImport(LibraryName)]
    internal static partial int kilnrt_init();

    [LibraryImport(LibraryName)]
    internal static partial int kilnrt_thread_init();

    [LibraryImport(LibraryName)]
    internal static partial int kilnrt_register_code(nint start, nuint length);

    [LibraryImport(LibraryName)]
    internal static partial int kilnrt_unregister_code(nint start);

    [LibraryImport(LibraryName)]
    internal static partial int kilnrt_code_contains(nint pc);

    [LibraryImport(LibraryName)]
    internal static partial int kilnrt_register_landing_sites(nint start, uint* pairs, nuint count);

    [LibraryImport(LibraryName)]
    internal static partial int kilnrt_call(nint function, nint vmctx, nint args, TrapInfo* trap);

    [LibraryImport(LibraryName)]
    internal static partial uint kilnrt_entry_depth();

    [LibraryImport(LibraryName)]
    internal static partial uint kilnrt_trap_frames(nint** frames, uint* total);

    [LibraryImport(LibraryName)]
    internal static partial nuint kilnrt_page_size();

    [LibraryImport(LibraryName)]
    internal static partial int kilnrt_reserve(nuint size, nint* address);

    [LibraryImport(LibraryName)]
    internal static partial int kilnrt_commit(nint address, nuint length);

    [LibraryImport(LibraryName)]
    internal static partial int kilnrt_decommit(nint address, nuint length);

    [LibraryImport(LibraryName)]
    internal static partial int kilnrt_release(nint address, nuint size);

    [LibraryImport(LibraryName)]
    internal static partial int kilnrt_code_alloc(nuint size, nint* address);

    [LibraryImport(LibraryName)]
    internal static partial int kilnrt_code_protect_rx(nint address, nuint size);

    [LibraryImport(LibraryName)]
    internal static partial int kilnrt_code_free(nint address, nuint size);

    [LibraryImport(LibraryName)]
    internal static partial nuint kilnrt_stack_limit(nuint reserve);

    /// <summary>
    /// kilnrt_call as an unmanaged function pointer, for hot paths that want to skip the
    /// import stub. Same contract as <see cref="Call"/>; call <see cref="Initialize"/> first.
    /// </summary>
    public static delegate* unmanaged<nint, nint, nint, TrapInfo*, int> CallPointer
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            nint p = s_callPointer;
            if (p == 0)
                s_callPointer = p = GetExport("kilnrt_call");
            return (delegate* unmanaged<nint, nint, nint, TrapInfo*, int>)p;
        }
    }

    private static nint s_callPointer;
}
