using Kiln.Component.Binary;
using Kiln.Component.Model;
using Kiln.Component.Text;
using Kiln.Component.Validation;
using Kiln.Wasm.Text;
using Kiln.Wasm.Text.Lexing;

namespace Kiln.Cli;

/// <summary>
/// Recognises a component (binary preamble with version 0x0d and layer 1, or text whose first form is
/// <c>(component …)</c>) and loads it through the component front end (decoder or text parser, then the
/// validator) for the commands that take modules.
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
            return WasmBinary.IsComponent(bytes) ? Kind.Binary : Kind.NotComponent;
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

    /// <summary>Decodes or parses a component and, with <paramref name="validate"/>, validates it; errors come back
    /// as text saying where (byte offset, or line:column).</summary>
    public static (WasmComponent? Component, string? Error) TryLoad(byte[] bytes, Kind kind, bool validate = false)
    {
        try
        {
            var component = kind == Kind.Binary
                ? ComponentDecoder.Decode(bytes)
                : ComponentTextParser.Parse(new System.Text.UTF8Encoding(false, true).GetString(bytes));
            if (validate) ComponentValidator.Validate(component);
            return (component, null);
        }
        catch (ComponentDecodeException e)
        {
            return (null, $"malformed: {e.Message}");
        }
        catch (WatParseException e)
        {
            return (null, $"{e.Line}:{e.Column}: {e.Reason}");
        }
        catch (ComponentValidationException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>What commands that take only core modules say about a component.</summary>
    public static string RunRefusal(string path) =>
        $"{path}: a component; this command takes core modules ('kiln compile' and 'kiln run --invoke' take components)";
}
