using Kiln.Wasm.Text.Wast;

namespace Kiln.Cli.Wast;

public sealed partial class WastRunner
{
    /// <summary>The call must end in an uncaught wasm exception: a trap or a normal return fails.</summary>
    private void RunAssertException(WastAssertException a)
    {
        const string kind = "assert_exception";
        var r = Perform(a.Action);
        if (r.Skip is not null) Add(a, kind, Outcome.Skip, r.Skip);
        else if (r.Exception is not null) Add(a, kind, Outcome.Pass, r.Exception.Message);
        else if (r.Error is not null) Add(a, kind, Outcome.Fail, r.Error);
        else if (r.Trap is not null) Add(a, kind, Outcome.Fail, $"expected an exception, got trap \"{r.Trap.Message}\"");
        else Add(a, kind, Outcome.Fail, "expected an exception, but the call returned");
    }
}
