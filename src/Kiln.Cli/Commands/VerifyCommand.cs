using Kiln.Compiler.Artifacts;
using Kiln.Verify;

namespace Kiln.Cli.Commands;

public sealed class VerifyCommand : ICommand
{
    public string Name => "verify";
    public string Summary => "statically check an artifact's machine code against the sandbox properties";
    public string Help => """
        usage: kiln verify [--key FILE] ARTIFACT...

        Disassembles every function and trampoline of each artifact and checks, independently of the compiler:
        the allowed instruction set (no syscall, int, in/out, ...), control flow that stays inside the function or
        calls known entries, indirect calls only through pointers read from the runtime (imports, builtins, a
        bounds-checked table entry), indirect jumps only through bounded jump tables, every memory access in the
        stack frame, the VMContext, or the linear memory as base + 32-bit index + offset within the guard region,
        and the stack-limit check on every path before any call or memory access. Prints "ok" per artifact, or the
        first violation by function and offset (exit status 1). See src/Kiln.Verify/README.md.

        options:
          --key FILE    the artifact is sealed with HMAC-SHA-256 under the key in FILE
          -h, --help    show this help

        """;

    public int Run(IReadOnlyList<string> args)
    {
        var cl = new CommandLine(args, [], [ArtifactKey.Option]);
        if (cl.Positionals.Count == 0) throw new UsageException("no artifact");
        var options = new ArtifactLoadOptions { IntegrityKey = ArtifactKey.FromCommandLine(cl) };
        foreach (var path in cl.Positionals)
        {
            var bytes = ModuleInput.ReadFile(path);
            try
            {
                ArtifactVerification.Check(path, bytes, options);
            }
            catch (ArtifactException e)
            {
                throw new CliException($"{path}: {e.Message}");
            }
            Console.Out.WriteLine($"{path}: ok");
        }
        return ExitCodes.Success;
    }
}
