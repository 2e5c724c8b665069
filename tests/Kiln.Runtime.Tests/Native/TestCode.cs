using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Kiln.Runtime.Native;

namespace Kiln.Runtime.Tests.Native;

/// <summary>
/// Tiny x86-64 functions with the kilnrt_entry_fn shape (rdi = vmctx, rsi = args), written into
/// one registered code page shared by all tests, plus host callbacks they call.
/// </summary>
internal static unsafe class TestCode
{
    public const int Ret42 = 0, Load = 64, Ud2 = 128, Idiv = 192, CallHostUd2 = 256, Trampoline = 320;

    /// <summary>Offset of the idiv instruction inside the Idiv function.</summary>
    public const int IdivInstruction = 5;

    /// <summary>Offset of the ud2 after the host call in CallHostUd2.</summary>
    public const int CallHostUd2Instruction = 10;

    private static readonly Lazy<CodeMemory> s_code = new(Create);

    public static CodeMemory Memory => s_code.Value;

    public static nint At(int offset) => Memory.Address + offset;

    private static readonly Lazy<ReservedMemory> s_unmapped = new(() => ReservedMemory.Reserve(NativeRuntime.PageSize));

    /// <summary>A reserved, never committed page: loads from it fault.</summary>
    public static nint Unmapped => s_unmapped.Value.Address;

    private static CodeMemory Create()
    {
        NativeRuntime.Initialize();
        var code = CodeMemory.Allocate(4096);
        code.WritableSpan.Fill(0xcc); // int3 between functions
        code.Write(Ret42, [0xc7, 0x06, 0x2a, 0x00, 0x00, 0x00, 0xc3]); // mov dword [rsi], 42; ret
        code.Write(Load, [0x8b, 0x06, 0xc3]);                          // mov eax, [rsi]; ret
        code.Write(Ud2, [0x0f, 0x0b]);                                  // ud2
        code.Write(Idiv, [0x31, 0xc9, 0x89, 0xf8, 0x99, 0xf7, 0xf9, 0xc3]); // xor ecx,ecx; mov eax,edi; cdq; idiv ecx; ret
        code.Write(CallHostUd2, [
            0x48, 0x83, 0xec, 0x08, // sub rsp, 8
            0xff, 0x16,             // call [rsi]          (host)
            0x48, 0x83, 0xc4, 0x08, // add rsp, 8
            0x0f, 0x0b,             // ud2
        ]);
        // A wasm-to-host trampoline in miniature: call the host; a non-zero result is a trap
        // code, passed to kilnrt_trap_raise (args[1]) so the unwinding starts in native code.
        code.Write(Trampoline, [
            0x48, 0x83, 0xec, 0x08, // sub rsp, 8
            0x48, 0x89, 0x34, 0x24, // mov [rsp], rsi
            0xff, 0x16,             // call [rsi]          (host)
            0x48, 0x8b, 0x34, 0x24, // mov rsi, [rsp]
            0x85, 0xc0,             // test eax, eax
            0x74, 0x05,             // jz done
            0x89, 0xc7,             // mov edi, eax
            0xff, 0x56, 0x08,       // call [rsi + 8]      (kilnrt_trap_raise, no return)
            0x48, 0x83, 0xc4, 0x08, // done: add rsp, 8
            0xc3,                   // ret
        ]);
        code.MakeExecutable();
        code.Register();
        return code;
    }

    /// <summary>The args block the host-calling functions read: [host, kilnrt_trap_raise, scratch...].</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct HostArgs
    {
        public nint Host;
        public nint TrapRaise;
        public int ResultCode;
        public TrapKind InnerKind;
        public TrapInfo InnerTrap;
        public uint DepthInHost;
        public uint DepthAfterInner;
        public int InnerRet42;
        public nint Unmapped;
        public int Failed;
    }

    public static HostArgs NewArgs(delegate* unmanaged<nint, nint, int> host) => new()
    {
        Host = (nint)host,
        TrapRaise = NativeRuntime.TrapRaiseFunction,
    };

    /// <summary>Exceptions caught by <see cref="FailingHost"/> (host exceptions never cross native frames).</summary>
    [ThreadStatic]
    public static Exception? LastHostException;

    /// <summary>Host function that enters wasm again (nested entry) and records what it saw.</summary>
    [UnmanagedCallersOnly]
    public static int NestedHost(nint vmctx, nint args)
    {
        var a = (HostArgs*)args;
        try
        {
            a->DepthInHost = NativeRuntime.EntryDepth;
            a->InnerKind = NativeRuntime.Call(At(Load), 0, a->Unmapped, out a->InnerTrap);
            a->DepthAfterInner = NativeRuntime.EntryDepth;
            int result = 0;
            if (NativeRuntime.Call(At(Ret42), 0, (nint)(&result), out _) == TrapKind.None)
                a->InnerRet42 = result;
            return 0;
        }
        catch (Exception e)
        {
            LastHostException = e;
            a->Failed = 1;
            return 0;
        }
    }

    /// <summary>Host function whose C# exception becomes trap code 99 through the trampoline.</summary>
    [UnmanagedCallersOnly]
    public static int FailingHost(nint vmctx, nint args)
    {
        try
        {
            Throw();
            return 0;
        }
        catch (Exception e)
        {
            LastHostException = e;
            return 99;
        }
    }

    [UnmanagedCallersOnly]
    public static int OkHost(nint vmctx, nint args) => 0;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw() => throw new InvalidOperationException("host function failed");
}
