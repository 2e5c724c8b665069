namespace Kiln.IR.Passes;

/// <summary>A function-to-function transformation. Returns whether it changed anything.</summary>
public interface IPass
{
    string Name { get; }

    bool Run(Function f);
}
