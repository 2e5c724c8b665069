namespace Kiln.Wasm.Text.Wast;

/// <summary>Entry point for WebAssembly scripts (.wast): see <see cref="WastScript"/> for the model.</summary>
public static class WastParser
{
    /// <summary>Parses a whole script. <paramref name="fileName"/> is kept for messages.
    /// Throws <see cref="WatParseException"/> with line and column when the script is malformed.</summary>
    public static WastScript Parse(string text, string fileName) => ScriptParser.Parse(text, fileName);
}
