using Kiln.Wasm.Text.Lexing;

namespace Kiln.Wasm.Text.Parsing;

// Multi-memory in the text format: the memory index a load or store names before its memarg.
internal sealed partial class ModuleParser
{
    /// <summary>
    /// The optional memory (<c>$id</c> or index) before a memarg; 0 when absent. A lane access
    /// (<c>v128.load8_lane 1 0</c>) ends with a lane index, so there a leading number is a memory only when
    /// another index or a memarg keyword follows it.
    /// </summary>
    private uint ParseMemArgMemory(bool lane)
    {
        if (!AtIndex) return 0;
        if (lane && Peek().Kind == TokenKind.Number)
        {
            var after = Peek(1);
            bool more = after.Kind is TokenKind.Number or TokenKind.Id
                || after.Kind == TokenKind.Keyword && (after.Text.StartsWith("offset=", StringComparison.Ordinal)
                    || after.Text.StartsWith("align=", StringComparison.Ordinal));
            if (!more) return 0;
        }
        return _memories.Resolve(Next());
    }
}
