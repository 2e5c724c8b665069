using Kiln.Wasm.Text.Wast;

namespace Kiln.Cli.Wast;

public sealed partial class WastRunner
{
    private void RunAssertException(WastAssertException a)
    {
        const string kind = "assert_exception";
        Add(a, kind, Outcome.Skip, "exceptions: execution not yet");
    }
}
