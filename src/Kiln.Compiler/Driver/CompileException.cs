namespace Kiln.Compiler.Driver;

/// <summary>A function failed to compile (an internal error of the compiler, named by the function it hit).</summary>
public sealed class CompileException(string function, Exception inner)
    : KilnException($"compiling {function} failed: {inner.Message}", inner)
{
    public string Function { get; } = function;
}
