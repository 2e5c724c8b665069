namespace Kiln.Cli.Tests;

/// <summary><c>kiln run</c>'s command line, stdio, exit codes and errors, on small modules and the tests/wasi programs.</summary>
public sealed class RunCommandTests
{
    private const string TrappingCommand = """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (func $inner unreachable)
          (func (export "_start") call $inner))
        """;

    private const string ExitingCommand = """
        (module
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          (func (export "_start") (call $exit (i32.const 42)) unreachable))
        """;

    // Writes the name of preopen fd 3 (fd_prestat_get, fd_prestat_dir_name) to stdout.
    private const string PrintFirstPreopenName = """
        (module
          (import "wasi_snapshot_preview1" "fd_prestat_get" (func $get (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_prestat_dir_name" (func $name (param i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (func (export "_start")
            (if (call $get (i32.const 3) (i32.const 0)) (then unreachable))
            (if (call $name (i32.const 3) (i32.const 100) (i32.load (i32.const 4))) (then unreachable))
            (i32.store (i32.const 16) (i32.const 100))
            (i32.store (i32.const 20) (i32.load (i32.const 4)))
            (if (call $write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24)) (then unreachable))))
        """;

    private const string Adder = """
        (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
        """;

    [Fact]
    public void Binary_stdin_larger_than_a_pipe_comes_back_unchanged()
    {
        var cat = WasiProgram.Get("cat");
        var input = new byte[3 * 1024 * 1024 + 17];
        new Random(5).NextBytes(input);
        input[0] = 0;
        input[^1] = 0xff;
        var result = KilnProcess.Run(["run", cat.WasmPath], stdin: input);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(input.AsSpan().SequenceEqual(result.Stdout), $"stdout differs from stdin ({result.Stdout.Length} of {input.Length} bytes)");
        Assert.Contains($"copied {input.Length} bytes", result.Stderr);
    }

    [Fact]
    public void Words_after_the_file_belong_to_the_guest_even_options()
    {
        var args = WasiProgram.Get("args");
        var result = KilnProcess.Run(["run", args.WasmPath, "--", "--help", "-x", "--dir", "--"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            "argc = 5\nargv[1] = \"--help\"\nargv[2] = \"-x\"\nargv[3] = \"--dir\"\nargv[4] = \"--\"\nargv[argc] is NULL\n",
            result.StdoutText);
    }

    [Fact]
    public void Options_end_at_a_double_dash_before_the_file()
    {
        var args = WasiProgram.Get("args");
        var result = KilnProcess.Run(["run", "--env", "A=1", "--", args.WasmPath, "-v"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("argc = 2\nargv[1] = \"-v\"\nargv[argc] is NULL\n", result.StdoutText);
    }

    [Fact]
    public void Environment_is_empty_unless_given_and_can_be_inherited()
    {
        var env = WasiProgram.Get("env");
        var host = new Dictionary<string, string> { ["KILN_TEST"] = "hello", ["KILN_OTHER"] = "x" };
        string expected = File.ReadAllText(Path.Combine(RepoPaths.WasiPrograms, "env.expected"));

        var none = KilnProcess.Run(["run", env.WasmPath], environment: host);
        Assert.True(none.ExitCode == 0, none.ToString());
        Assert.Contains("KILN_TEST = (unset)", none.StdoutText);
        Assert.Contains("KILN_ variables: 0", none.StdoutText);

        var inherited = KilnProcess.Run(["run", "--inherit-env", env.WasmPath], environment: host);
        Assert.True(inherited.ExitCode == 0, inherited.ToString());
        Assert.Equal(expected, inherited.StdoutText);

        var named = KilnProcess.Run(["run", "--env", "KILN_TEST", "--env=KILN_OTHER", env.WasmPath], environment: host);
        Assert.True(named.ExitCode == 0, named.ToString());
        Assert.Equal(expected, named.StdoutText);

        // A later --env replaces an earlier (or inherited) value rather than adding a second one.
        var replaced = KilnProcess.Run(["run", "--inherit-env", "--env", "KILN_TEST=other", env.WasmPath], environment: host);
        Assert.True(replaced.ExitCode == 0, replaced.ToString());
        Assert.Contains("KILN_TEST = other", replaced.StdoutText);
        Assert.Contains("KILN_ variables: 2", replaced.StdoutText);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_dir_is_named_by_its_guest_path_or_else_its_host_path(bool withGuestName)
    {
        using var dir = new TempDirectory();
        string wat = dir.Combine("prestat.wat");
        File.WriteAllText(wat, PrintFirstPreopenName);
        string spec = withGuestName ? dir.Path + "::/data" : dir.Path;
        var result = KilnProcess.Run(["run", "--dir", spec, wat]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(withGuestName ? "/data" : dir.Path, result.StdoutText);
    }

    [Fact]
    public void The_guest_exit_code_is_kilns()
    {
        using var dir = new TempDirectory();
        string wat = dir.Combine("exit.wat");
        File.WriteAllText(wat, ExitingCommand);
        var result = KilnProcess.Run(["run", wat]);
        Assert.True(result.ExitCode == 42, result.ToString());
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void A_trap_exits_134_with_the_message_and_backtrace()
    {
        using var dir = new TempDirectory();
        string wat = dir.Combine("trap.wat");
        File.WriteAllText(wat, TrappingCommand);
        var result = KilnProcess.Run(["run", wat]);
        Assert.True(result.ExitCode == 134, result.ToString());
        Assert.Contains("kiln run: trap: unreachable", result.Stderr);
        // Innermost first, each frame at its module offset (as Wasmtime prints it).
        Assert.Contains("wasm backtrace:", result.Stderr);
        Assert.Matches(@"\n +0: 0x[0-9a-f]+ - inner\n +1: 0x[0-9a-f]+ - func\[2\]", result.Stderr);
    }

    [Fact]
    public void Invoke_still_calls_a_function_of_a_module_without_imports()
    {
        using var dir = new TempDirectory();
        string wat = dir.Combine("add.wat");
        File.WriteAllText(wat, Adder);
        var result = KilnProcess.Run(["run", "--invoke", "add", wat, "40", "-2"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("38\n", result.StdoutText);
    }

    [Fact]
    public void Invoke_on_a_module_using_wasi_links_wasi_and_prints_the_results()
    {
        using var dir = new TempDirectory();
        string wat = dir.Combine("hello.wat");
        // "greet" writes "hi\n" through fd_write and returns the errno; kiln prints the result after the guest's output.
        File.WriteAllText(wat, """
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 100) "hi\n")
              (func (export "greet") (param $fd i32) (result i32)
                (i32.store (i32.const 0) (i32.const 100))
                (i32.store (i32.const 4) (i32.const 3))
                (call $write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))))
            """);
        var result = KilnProcess.Run(["run", "--invoke", "greet", wat, "1"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("hi\n0\n", result.StdoutText);
        var badFd = KilnProcess.Run(["run", "--invoke", "greet", wat, "9"]);
        Assert.True(badFd.ExitCode == 0, badFd.ToString());
        Assert.Equal("8\n", badFd.StdoutText); // EBADF
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        using var dir = new TempDirectory();
        string missing = dir.Combine("nothing-here.wasm");
        var result = KilnProcess.Run(["run", missing]);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("nothing-here.wasm", result.Stderr);
    }

    [Fact]
    public void An_unknown_import_is_named()
    {
        using var dir = new TempDirectory();
        string wat = dir.Combine("imports.wat");
        File.WriteAllText(wat, """
            (module
              (import "wasi_snapshot_preview1" "proc_exit" (func (param i32)))
              (import "bench" "start" (func))
              (func (export "_start")))
            """);
        var result = KilnProcess.Run(["run", wat]);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("unknown import bench::start", result.Stderr);
    }

    [Fact]
    public void A_dir_that_does_not_exist_is_refused_before_running()
    {
        var args = WasiProgram.Get("args");
        using var dir = new TempDirectory();
        string missing = dir.Combine("no-such-dir");
        var result = KilnProcess.Run(["run", "--dir", missing + "::/data", args.WasmPath]);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("no-such-dir", result.Stderr);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void A_dir_that_is_a_file_is_refused()
    {
        var args = WasiProgram.Get("args");
        using var dir = new TempDirectory();
        string file = dir.Combine("plain");
        File.WriteAllText(file, "");
        var result = KilnProcess.Run(["run", "--dir", file, args.WasmPath]);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("is not a directory", result.Stderr);
    }

    [Fact]
    public void A_malformed_dir_is_a_usage_error()
    {
        var args = WasiProgram.Get("args");
        var result = KilnProcess.Run(["run", "--dir", "::/guest", args.WasmPath]);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--dir takes HOST[::GUEST]", result.Stderr);
    }

    [Fact]
    public void Wasi_options_on_a_module_without_wasi_are_a_usage_error()
    {
        using var dir = new TempDirectory();
        string wat = dir.Combine("add.wat");
        File.WriteAllText(wat, Adder);
        var result = KilnProcess.Run(["run", "--env", "A=1", "--invoke", "add", wat, "1", "2"]);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("for WASI commands", result.Stderr);
    }
}
