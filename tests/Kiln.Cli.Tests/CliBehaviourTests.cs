namespace Kiln.Cli.Tests;

/// <summary>
/// The command line as a new user meets it (issue 16, "Messages"): each test pins one message or convention
/// that used to be wrong, in the spelling wasmtime users expect.
/// </summary>
public sealed class CliBehaviourTests
{
    // A component preamble: \0asm, version 0x0d, layer 1.
    private static readonly byte[] EmptyComponent = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];

    private const string Adder = """
        (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
        """;

    [Theory]
    [InlineData("run")]
    [InlineData("validate")]
    public void An_empty_file_is_refused_not_taken_for_an_empty_module(string command)
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("empty.wasm");
        File.WriteAllBytes(path, []);
        var result = KilnProcess.Run([command, path]);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("empty file", result.Stderr);
    }

    [Fact]
    public void A_component_is_named_as_such_by_commands_that_run_modules()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("c.wasm");
        File.WriteAllBytes(path, EmptyComponent);
        var result = KilnProcess.Run(["run", path]);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("a component", result.Stderr);
        Assert.DoesNotContain("unknown binary version", result.Stderr);
        // Compiling one gives a component artifact, which 'kiln run --invoke' loads (this one exports nothing).
        result = KilnProcess.Run(["compile", path, "-o", dir.Combine("c.kiln")]);
        Assert.True(result.ExitCode == 0, result.ToString());
        result = KilnProcess.Run(["run", "--invoke", "f", dir.Combine("c.kiln")]);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("no exported function \"f\"", result.Stderr);
    }

    [Fact]
    public void Cpu_native_is_refused_for_a_target_this_machine_is_not()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("m.wat");
        File.WriteAllText(path, "(module (func (export \"f\") (result i32) (i32.clz (i32.const 1))))");
        string other = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64
            ? "aarch64" : "x86_64";
        var result = KilnProcess.Run(["compile", "--target", other, "--cpu", "native", path, "-o", dir.Combine("m.kiln")]);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--cpu native describes this machine", result.Stderr);
        Assert.False(File.Exists(dir.Combine("m.kiln")));
        // Without --cpu, another target gets its baseline.
        result = KilnProcess.Run(["compile", "--target", other, path, "-o", dir.Combine("m.kiln")]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(dir.Combine("m.kiln")));
    }

    [Fact]
    public void Validate_decodes_and_validates_a_binary_component()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("c.wasm");
        File.WriteAllBytes(path, EmptyComponent);
        var result = KilnProcess.Run(["validate", "-v", path]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("valid component", result.StdoutText);
        File.WriteAllBytes(path, EmptyComponent.Concat(new byte[] { 0x07, 0x05 }).ToArray());
        result = KilnProcess.Run(["validate", path]);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("malformed", result.Stderr);
    }

    [Fact]
    public void Wat2wasm_and_wasm2wat_take_components()
    {
        using var dir = new TempDirectory();
        string wat = dir.Combine("c.wat"), wasm = dir.Combine("c.wasm");
        File.WriteAllText(wat, "(component (core module $m (func (export \"f\"))) (core instance $i (instantiate $m))\n  (func (export \"g\") (canon lift (core func $i \"f\"))))");
        var result = KilnProcess.Run(["wat2wasm", wat, "-o", wasm]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(Kiln.Component.Binary.WasmBinary.IsComponent(File.ReadAllBytes(wasm)));
        result = KilnProcess.Run(["wasm2wat", wasm]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("(canon lift (core func 0))", result.StdoutText);
        Assert.Contains("(export (;1;) \"g\" (func 0))", result.StdoutText);
        // A component that parses but does not validate is refused with the validator's words.
        File.WriteAllText(wat, "(component (import \"a\" (func)) (import \"a\" (func)))");
        result = KilnProcess.Run(["wat2wasm", wat, "-o", wasm]);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("conflicts with previous name", result.Stderr);
        // Running it is refused the same way.
        result = KilnProcess.Run(["run", wat]);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("conflicts with previous name", result.Stderr);
    }

    [Fact]
    public void A_text_error_gives_its_position_once()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("bad.wat");
        File.WriteAllText(path, "foo");
        var result = KilnProcess.Run(["validate", path]);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"{path}: 1:1: ", result.Stderr);
        Assert.DoesNotContain("1:1: 1:1:", result.Stderr);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("validate")]
    [InlineData("compile")]
    public void A_directory_is_called_a_directory(string command)
    {
        using var dir = new TempDirectory();
        var result = KilnProcess.Run([command, dir.Path]);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"{dir.Path}: is a directory", result.Stderr);
        Assert.DoesNotContain("Access to the path", result.Stderr);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("validate")]
    public void A_missing_file_is_said_in_kilns_words(string command)
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("nothing.wasm");
        var result = KilnProcess.Run([command, path]);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"{path}: no such file", result.Stderr);
        Assert.DoesNotContain("Could not find", result.Stderr);
    }

    [Fact]
    public void A_usage_error_prints_the_error_one_usage_line_and_where_help_is()
    {
        var result = KilnProcess.Run(["run", "--no-such-option", "x.wasm"]);
        Assert.True(result.ExitCode == 2, result.ToString());
        var lines = result.Stderr.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("kiln run: unknown option '--no-such-option'", lines[0]);
        Assert.StartsWith("usage: kiln run", lines[1]);
        Assert.Contains("--help", lines[2]);
    }

    [Theory]
    [InlineData("run", "--env", "A=1", "--help")]
    [InlineData("validate", "-v", "--help")]
    [InlineData("compile", "--no-opt", "-h")]
    public void Help_is_accepted_after_other_options(params string[] args)
    {
        var result = KilnProcess.Run(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith($"usage: kiln {args[0]}", result.StdoutText);
    }

    [Fact]
    public void A_file_first_means_run_with_its_arguments()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("add.wat");
        File.WriteAllText(path, Adder);
        var explicitRun = KilnProcess.Run(["run", "--invoke", "add", path, "2", "40"]);
        var implicitRun = KilnProcess.Run(["--invoke", "add", path, "2", "40"]);
        Assert.True(implicitRun.ExitCode == 0, implicitRun.ToString());
        Assert.Equal("42\n", implicitRun.StdoutText);
        Assert.Equal(explicitRun.StdoutText, implicitRun.StdoutText);

        var args = WasiProgram.Get("args");
        var direct = KilnProcess.Run([args.WasmPath, "one", "two"]);
        Assert.True(direct.ExitCode == 0, direct.ToString());
        Assert.Contains("argv[1] = \"one\"\nargv[2] = \"two\"", direct.StdoutText);
    }

    [Fact]
    public void An_unknown_word_first_is_an_unknown_command_not_a_missing_file()
    {
        var result = KilnProcess.Run(["rnu", "x"]);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("unknown command 'rnu'", result.Stderr);
    }

    [Theory]
    [InlineData("-V")]
    [InlineData("--version")]
    public void Version_has_the_short_and_long_spelling(string flag)
    {
        var result = KilnProcess.Run([flag]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^kiln \d+\.\d+\.\d+\n$", result.StdoutText);
    }

    [Fact]
    public void Run_calls_the_default_export_when_there_is_no_start()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("default.wat");
        // Writes "hi\n" through fd_write from the function exported as "".
        File.WriteAllText(path, """
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 16) "hi\n")
              (func (export "")
                (i32.store (i32.const 0) (i32.const 16))
                (i32.store (i32.const 4) (i32.const 3))
                (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
            """);
        var result = KilnProcess.Run(["run", path]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("hi\n", result.StdoutText);
    }
}
