namespace Kiln.Wasm.Text.Wast;

/// <summary>One top-level command of a script, with the position of its opening parenthesis.</summary>
public abstract class WastCommand
{
    public int Line { get; init; }
    public int Column { get; init; }
}

/// <summary><c>(module …)</c>: define (and instantiate) a module.</summary>
public sealed class WastModuleCommand : WastCommand
{
    public required WastModuleDefinition Module { get; init; }
}

/// <summary><c>(register "name" $module?)</c>: make a module's exports importable under <see cref="As"/>.</summary>
public sealed class WastRegisterCommand : WastCommand
{
    public required string As { get; init; }
    public string? ModuleName { get; init; }
}

/// <summary>A bare action, run for its effects.</summary>
public sealed class WastActionCommand : WastCommand
{
    public required WastAction Action { get; init; }
}

/// <summary><c>(assert_return action result*)</c>.</summary>
public sealed class WastAssertReturn : WastCommand
{
    public required WastAction Action { get; init; }
    public required WastExpected[] Expected { get; init; }
}

/// <summary><c>(assert_trap action "msg")</c>, or <c>(assert_trap (module …) "msg")</c> for a trap
/// during instantiation (then <see cref="Module"/> is set instead of <see cref="Action"/>).</summary>
public sealed class WastAssertTrap : WastCommand
{
    public WastAction? Action { get; init; }
    public WastModuleDefinition? Module { get; init; }
    public required string Message { get; init; }
}

/// <summary><c>(assert_exhaustion action "msg")</c>: the call must exhaust the stack.</summary>
public sealed class WastAssertExhaustion : WastCommand
{
    public required WastAction Action { get; init; }
    public required string Message { get; init; }
}

/// <summary><c>(assert_exception action)</c>: the call must end in an uncaught WebAssembly exception (not a trap).</summary>
public sealed class WastAssertException : WastCommand
{
    public required WastAction Action { get; init; }
}

/// <summary>An assertion about a module that must fail at some stage.</summary>
public abstract class WastModuleAssertion : WastCommand
{
    public required WastModuleDefinition Module { get; init; }
    public required string Message { get; init; }
}

/// <summary><c>(assert_malformed module "msg")</c>: decoding or parsing must fail.</summary>
public sealed class WastAssertMalformed : WastModuleAssertion;

/// <summary><c>(assert_invalid module "msg")</c>: validation must fail.</summary>
public sealed class WastAssertInvalid : WastModuleAssertion;

/// <summary><c>(assert_unlinkable module "msg")</c>: import resolution must fail.</summary>
public sealed class WastAssertUnlinkable : WastModuleAssertion;

/// <summary><c>(assert_uninstantiable module "msg")</c>: instantiation must trap (e.g. in the start function).</summary>
public sealed class WastAssertUninstantiable : WastModuleAssertion;
