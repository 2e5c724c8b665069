namespace Kiln.IR.Passes;

/// <summary>
/// Runs passes in order. After each pass aliases are resolved, so every consumer sees operands that
/// are real definitions; with <see cref="VerifyEachPass"/> the verifier runs too and names the pass
/// that broke an invariant.
/// </summary>
public sealed class PassManager
{
    private readonly List<IPass> passes = [];

    public bool VerifyEachPass { get; init; }

    public PassManager Add(IPass pass)
    {
        passes.Add(pass);
        return this;
    }

    /// <summary>The standard mid-end pipeline.</summary>
    public static PassManager Default(bool verify = false) => new PassManager { VerifyEachPass = verify }
        .Add(new ConstantFolding())
        .Add(new SimplifyBranches())
        .Add(new GlobalValueNumbering())
        .Add(new DeadCodeElimination())
        .Add(new SimplifyBranches());

    /// <summary>Runs every pass once; returns whether any changed the function.</summary>
    public bool Run(Function f)
    {
        bool changed = false;
        foreach (var pass in passes)
        {
            changed |= pass.Run(f);
            f.Dfg.ResolveAllAliases();
            CompileCheckpoint.Reach();
            if (VerifyEachPass)
            {
                var errors = Verifier.Verify(f);
                if (errors.Count > 0)
                {
                    throw new VerifierException([$"after pass {pass.Name}:", .. errors]);
                }
            }
        }
        return changed;
    }

    /// <summary>Repeats the pipeline until nothing changes or <paramref name="maxRounds"/> is reached.</summary>
    public void RunToFixpoint(Function f, int maxRounds = 8)
    {
        for (int i = 0; i < maxRounds && Run(f); i++)
        {
        }
    }
}
