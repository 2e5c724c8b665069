namespace Kiln.Cli.Tests;

/// <summary><c>kiln run COMPONENT</c> without --invoke: the status of <c>wasi:cli/run</c> (ok 0, err 1, at any
/// 0.2.x), a trap's message and status 134, and an import Kiln does not provide named.</summary>
public sealed class ComponentCommandTests
{
    private static string Command(string body, string version) => $$"""
        (component
          (core module $m (func (export "run") (result i32) {{body}}))
          (core instance $i (instantiate $m))
          (func $run (result (result)) (canon lift (core func $i "run")))
          (instance $inst (export "run" (func $run)))
          (export "wasi:cli/run@{{version}}" (instance $inst))
        )
        """;

    [Theory]
    [InlineData("i32.const 0", "0.2.0", 0)]
    [InlineData("i32.const 1", "0.2.3", 1)]
    public void Run_returning_ok_or_err_is_status_0_or_1(string body, string version, int status)
    {
        using var dir = new TempDirectory();
        string wat = dir.Combine("c.wat");
        File.WriteAllText(wat, Command(body, version));
        var result = KilnProcess.Run(["run", wat]);
        Assert.True(result.ExitCode == status, result.ToString());
    }

    [Fact]
    public void A_trap_prints_its_message_and_is_status_134()
    {
        using var dir = new TempDirectory();
        string wat = dir.Combine("c.wat");
        File.WriteAllText(wat, Command("unreachable", "0.2.12"));
        var result = KilnProcess.Run(["run", wat]);
        Assert.True(result.ExitCode == 134, result.ToString());
        Assert.Contains("trap: unreachable executed", result.Stderr);
    }

    [Fact]
    public void An_import_kiln_does_not_provide_is_named()
    {
        using var dir = new TempDirectory();
        string wat = dir.Combine("c.wat");
        File.WriteAllText(wat, """
            (component
              (import "wasi:sockets/tcp@0.2.0" (instance (export "frob" (func))))
            )
            """);
        var result = KilnProcess.Run(["run", wat]);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("missing import `wasi:sockets/tcp@0.2.0`", result.Stderr);
    }
}
