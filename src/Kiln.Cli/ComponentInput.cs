using Kiln.Component.Model;
using Kiln.Component.Text;
using Kiln.Wasm.Text;
using Kiln.Wasm.Text.Lexing;

namespace Kiln.Cli;

/// <summary>
/// Recognises a component (binary preamble with version 0x0d and layer 1, or text whose first form is
/// <c>(component …)</c>) so the commands that take modules can say what they do with it. What the front
/// end cannot do yet (decode, encode, print, validate, run) is refused in so many words, never faked.
/// </summary>
public static class ComponentInput
{
    public enum Kind
    {
        NotComponent,
        Text,
        Binary,
    }

    public static Kind Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 8 && ModuleInput.IsBinary(bytes))
            return bytes[4] == 0x0d && bytes[5] == 0 && bytes[6] == 1 && bytes[7] == 0 ? Kind.Binary : Kind.NotComponent;
        if (ModuleInput.IsBinary(bytes)) return Kind.NotComponent;
        return StartsWithComponentForm(bytes) ? Kind.Text : Kind.NotComponent;
    }

    // Only the start of the text is looked at (whitespace and comments, '(', 'component', a delimiter),
    // so a large module is not lexed twice.
    private static bool StartsWithComponentForm(ReadOnlySpan<byte> s)
    {
        int i = 0;
        while (i < s.Length)
        {
            if (s[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') { i++; continue; }
            if (i + 1 < s.Length && s[i] == ';' && s[i + 1] == ';')
            {
                while (i < s.Length && s[i] != '\n') i++;
                continue;
            }
            if (i + 1 < s.Length && s[i] == '(' && s[i + 1] == ';')
            {
                int depth = 0;
                while (i + 1 < s.Length)
                {
                    if (s[i] == '(' && s[i + 1] == ';') { depth++; i += 2; }
                    else if (s[i] == ';' && s[i + 1] == ')') { i += 2; if (--depth == 0) break; }
                    else i++;
                }
                continue;
            }
            break;
        }
        if (i >= s.Length || s[i] != '(') return false;
        i++;
        while (i < s.Length && s[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') i++;
        var rest = s[i..];
        if (!rest.StartsWith("component"u8)) return false;
        return rest.Length == 9 || !WatLexer.IsIdChar((char)rest[9]);
    }

    /// <summary>Parses a text component; a binary one is refused until the component decoder is merged.</summary>
    public static (WasmComponent? Component, string? Error) TryLoad(byte[] bytes, Kind kind)
    {
        if (kind == Kind.Binary) return (null, "a component binary: decoding components is not implemented yet");
        try
        {
            return (ComponentTextParser.Parse(new System.Text.UTF8Encoding(false, true).GetString(bytes)), null);
        }
        catch (WatParseException e)
        {
            return (null, $"{e.Line}:{e.Column}: {e.Message}");
        }
    }

    /// <summary>What `kiln run` and `kiln compile` say about a component.</summary>
    public static string RunRefusal(string path) =>
        $"{path}: a component; running and compiling components comes next (kiln runs core modules today)";
}
