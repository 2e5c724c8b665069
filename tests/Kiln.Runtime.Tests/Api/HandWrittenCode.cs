using System.Buffers.Binary;
using Kiln.Compiler.VmContext;
using Kiln.Runtime.Native;

namespace Kiln.Runtime.Tests.Api;

/// <summary>
/// A stand-in for the compiler driver: hand-written x86-64 (System V: vmctx in rdi, i32 params in esi, edx,
/// result in eax) for <see cref="Wat"/>, with trampolines, a trap table and function ranges, plugged in through
/// <see cref="ICompiledCode"/>. Proves the runtime's call path before real generated code exists.
/// </summary>
internal sealed class HandWrittenCode : ICompiledCode, IDisposable
{
    public const string Wat = """
        (module
          (type $ii (func (param i32) (result i32)))
          (type $iii (func (param i32 i32) (result i32)))
          (type $v (func))
          (import "h" "double" (func $double (type $ii)))
          (memory (export "mem") 1 3)
          (func $add (export "add") (type $iii) (i32.add (local.get 0) (local.get 1)))
          (func $trap (export "trap") (type $v) unreachable)
          (func $load (export "load") (type $ii) (i32.load (local.get 0)))
          (func $callHost (export "callHost") (type $ii) (call $double (local.get 0)))
          (func $grow (export "grow") (type $ii) (memory.grow (local.get 0))))
        """;

    private const int Slot = 64; // bytes per function in the code page

    // Layout: entry trampoline, wasm-to-host trampoline, then functions 1..5.
    private const int EntryAt = 0, HostAt = 1 * Slot, FirstFunctionAt = 2 * Slot;
    public const int UnreachableOffset = 0; // ud2 at the start of $trap
    public const int LoadFaultOffset = 10;  // mov eax, [rax+rsi] in $load

    private readonly CodeMemory code;

    public HandWrittenCode(VmContextLayout layout)
    {
        NativeRuntime.Initialize();
        code = CodeMemory.Allocate(4096);
        code.WritableSpan.Fill(0xcc);

        // Entry (rdi = VMFuncRef, rsi = slots): one trampoline serves all three types here, reading two i32
        // arguments and writing an i32 result whether or not the type has them (the slot array is large enough).
        code.Write(EntryAt, [
            0x53,                   // push rbx
            0x48, 0x89, 0xf3,       // mov rbx, rsi
            0x48, 0x8b, 0x07,       // mov rax, [rdi]        VMFuncRef.code
            0x48, 0x8b, 0x7f, 0x08, // mov rdi, [rdi+8]      VMFuncRef.vmctx
            0x8b, 0x33,             // mov esi, [rbx]
            0x8b, 0x53, 0x10,       // mov edx, [rbx+16]
            0xff, 0xd0,             // call rax
            0x89, 0x03,             // mov [rbx], eax
            0x5b,                   // pop rbx
            0xc3,                   // ret
        ]);

        // Wasm-to-host for [i32] -> [i32] (rdi = VMHostFuncContext, esi = argument).
        var host = new List<byte>
        {
            0x48, 0x83, 0xec, 0x18, // sub rsp, 24           one slot at [rsp], aligned
            0x89, 0x34, 0x24,       // mov [rsp], esi
            0x48, 0x8b, 0x07,       // mov rax, [rdi]        dispatcher
            0x48, 0x8b, 0x7f, 0x08, // mov rdi, [rdi+8]      host context
            0x48, 0x89, 0xe6,       // mov rsi, rsp
            0xba, 0x01, 0x00, 0x00, 0x00, // mov edx, 1      slot count
            0xff, 0xd0,             // call rax
            0x85, 0xc0,             // test eax, eax
            0x75, 0x08,             // jnz fail
            0x8b, 0x04, 0x24,       // mov eax, [rsp]
            0x48, 0x83, 0xc4, 0x18, // add rsp, 24
            0xc3,                   // ret
            0xbf, (byte)TrapCode.HostError, 0x00, 0x00, 0x00, // fail: mov edi, host_error
            0x48, 0xb8,             // mov rax, imm64        kilnrt_trap_raise
        };
        host.AddRange(BitConverter.GetBytes((long)NativeRuntime.TrapRaiseFunction));
        host.AddRange([0xff, 0xd0]); // call rax (does not return)
        code.Write(HostAt, host.ToArray());

        code.Write(At(1), [0x8d, 0x04, 0x16, 0xc3]); // $add: lea eax, [rsi+rdx]; ret
        code.Write(At(2), [0x0f, 0x0b]);             // $trap: ud2
        code.Write(At(3), [
            0x48, 0x8b, 0x87, .. Le(layout.MemoryOffset(0)), // mov rax, [rdi+memory0]   VMMemoryDefinition*
            0x48, 0x8b, 0x00,                                 // mov rax, [rax]           base
            0x8b, 0x04, 0x30,                                 // mov eax, [rax+rsi]       may fault
            0xc3,
        ]);
        code.Write(At(4), [
            0x48, 0x83, 0xec, 0x08,                                                        // sub rsp, 8
            0x48, 0x8b, 0x87, .. Le(layout.ImportedFunctionOffset(0) + VMImportedFunction.Code),  // mov rax, [rdi+code]
            0x48, 0x8b, 0xbf, .. Le(layout.ImportedFunctionOffset(0) + VMImportedFunction.Vmctx), // mov rdi, [rdi+vmctx]
            0xff, 0xd0,                                                                    // call rax
            0x48, 0x83, 0xc4, 0x08,                                                        // add rsp, 8
            0xc3,
        ]);
        code.Write(At(5), [
            0x48, 0x83, 0xec, 0x08, // sub rsp, 8
            0x48, 0x8b, 0x07,       // mov rax, [rdi]        builtins table
            0x48, 0x8b, 0x40, (byte)(8 * (int)Builtin.MemoryGrow), // mov rax, [rax+8*MemoryGrow]
            0x89, 0xf2,             // mov edx, esi          delta
            0x31, 0xf6,             // xor esi, esi          memory 0
            0xff, 0xd0,             // call rax              (rdi = vmctx)
            0x48, 0x83, 0xc4, 0x08, // add rsp, 8
            0xc3,
        ]);
        code.MakeExecutable();
        code.Register();

        CodeMap = new CodeMap(code.Address, code.Size,
            new TrapTable([((uint)At(2) + UnreachableOffset, TrapCode.Unreachable), ((uint)At(3) + LoadFaultOffset, TrapCode.HeapOutOfBounds)]),
            new FunctionRanges(Enumerable.Range(1, 5).Select(i => ((uint)At(i), (uint)Slot, (uint)i))),
            new Dictionary<uint, string> { [2] = "trap", [3] = "load" });
    }

    public CodeMap? CodeMap { get; }

    public nint FunctionCode(uint funcIndex) => funcIndex is >= 1 and <= 5 ? code.Address + At((int)funcIndex) : 0;

    public nint HostEntryTrampoline(uint typeIndex) => code.Address + EntryAt;

    public nint WasmToHostTrampoline(uint typeIndex) => typeIndex == 0 ? code.Address + HostAt : 0;

    public void Dispose() => code.Dispose();

    private static int At(int funcIndex) => FirstFunctionAt + (funcIndex - 1) * Slot;

    private static byte[] Le(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }
}
