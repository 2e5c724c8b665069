namespace Kiln.IR.Building;

/// <summary>A front-end variable (a wasm local, say) turned into SSA values by <see cref="FunctionBuilder"/>.</summary>
public readonly record struct Variable(int Index)
{
    public override string ToString() => $"var{Index}";
}
