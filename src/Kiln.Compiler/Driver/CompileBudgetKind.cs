namespace Kiln.Compiler.Driver;

/// <summary>Which compile budget ran out (<see cref="CompileBudgetExceededException"/>).</summary>
public enum CompileBudgetKind
{
    /// <summary><see cref="ModuleCompilerOptions.CompileTimeout"/>: wall time.</summary>
    Time,

    /// <summary><see cref="ModuleCompilerOptions.MaxCompileMemory"/>: managed bytes allocated by the compilation.</summary>
    Memory,
}
