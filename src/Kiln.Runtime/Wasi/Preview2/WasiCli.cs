namespace Kiln.Runtime.Wasi.Preview2;

/// <summary><c>wasi:cli</c>: environment, exit, stdio streams and the terminal interfaces.</summary>
internal static class WasiCli
{
    public static void Define(ComponentLinker linker, WasiPreview2Context cx)
    {
        var t = cx.Types;
        var config = cx.Configuration;
        WasiPreview2.Interface(linker, "wasi:cli/environment")
            .DefineFunc("get-environment", _ =>
            {
                var env = new Val[config.Environment.Count];
                for (int i = 0; i < env.Length; i++) env[i] = Val.Tuple(Val.String(config.Environment[i].Key), Val.String(config.Environment[i].Value));
                return Val.List(env);
            })
            .DefineFunc("get-arguments", _ => Val.List([.. config.Args.Select(Val.String)]))
            // The guest has no current directory of its own (as Wasmtime without one configured).
            .DefineFunc("initial-cwd", _ => Val.None());

        // Leaving by exit unwinds like preview1's proc_exit: the embedder sees a trap wrapping WasiExitException.
        WasiPreview2.Interface(linker, "wasi:cli/exit")
            .DefineFunc("exit", a => throw new WasiExitException(a[0].IsOk ? 0 : 1))
            .DefineFunc("exit-with-code", a => throw new WasiExitException((byte)a[0].Bits));

        WasiPreview2.Interface(linker, "wasi:cli/stdin")
            .DefineResource("input-stream", t.InputStream)
            .DefineFunc("get-stdin", _ => cx.Own(t.InputStream, new StdioInputStream(config.Stdin)));
        WasiPreview2.Interface(linker, "wasi:cli/stdout")
            .DefineResource("output-stream", t.OutputStream)
            .DefineFunc("get-stdout", _ => cx.Own(t.OutputStream, new StdioOutputStream(config.Stdout)));
        WasiPreview2.Interface(linker, "wasi:cli/stderr")
            .DefineResource("output-stream", t.OutputStream)
            .DefineFunc("get-stderr", _ => cx.Own(t.OutputStream, new StdioOutputStream(config.Stderr)));

        WasiPreview2.Interface(linker, "wasi:cli/terminal-input").DefineResource("terminal-input", t.TerminalInput);
        WasiPreview2.Interface(linker, "wasi:cli/terminal-output").DefineResource("terminal-output", t.TerminalOutput);
        WasiPreview2.Interface(linker, "wasi:cli/terminal-stdin")
            .DefineResource("terminal-input", t.TerminalInput)
            .DefineFunc("get-terminal-stdin", _ => Terminal(cx, config.Stdin, t.TerminalInput));
        WasiPreview2.Interface(linker, "wasi:cli/terminal-stdout")
            .DefineResource("terminal-output", t.TerminalOutput)
            .DefineFunc("get-terminal-stdout", _ => Terminal(cx, config.Stdout, t.TerminalOutput));
        WasiPreview2.Interface(linker, "wasi:cli/terminal-stderr")
            .DefineResource("terminal-output", t.TerminalOutput)
            .DefineFunc("get-terminal-stderr", _ => Terminal(cx, config.Stderr, t.TerminalOutput));
    }

    /// <summary>A terminal handle when the stdio is an inherited host fd that is a terminal; none otherwise.</summary>
    private static Val Terminal(WasiPreview2Context cx, WasiStdio stdio, ResourceType type)
    {
        bool tty = stdio.Stream is null && stdio.HostFd >= 0 && SandboxPaths.IsTerminal(stdio.HostFd);
        return tty ? Val.Some(cx.Own(type, new TerminalHandle())) : Val.None();
    }

    /// <summary>The host side of terminal-input/terminal-output: the interfaces give them no operations yet.</summary>
    private sealed class TerminalHandle;
}
