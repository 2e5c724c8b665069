using System.Text;
using System.Text.RegularExpressions;

namespace Kiln.Component.Tests;

/// <summary>
/// A minimal reader of a .wast script's top-level forms, enough to find the <c>(component binary "...")</c>
/// forms and what each directive expects (the test project must not depend on the text parser being written
/// beside this decoder). Each top-level form is one directive.
/// </summary>
internal static class WastBinaryForms
{
    public sealed record Directive(string Head, int Line, byte[]? Binary, string? Message, string Text);

    public static List<Directive> Read(string text)
    {
        var result = new List<Directive>();
        int i = 0, line = 1;
        while (true)
        {
            SkipTrivia(text, ref i, ref line);
            if (i >= text.Length) break;
            if (text[i] != '(') throw new FormatException($"line {line}: expected '('");
            int start = i, startLine = line;
            SkipForm(text, ref i, ref line);
            string form = text[start..i];
            result.Add(Analyse(form, startLine));
        }
        return result;
    }

    /// <summary>The text of the first <c>(component ...)</c> form in a directive (the directive itself for a
    /// component directive), or null when it names none.</summary>
    public static string? ComponentForm(string directive)
    {
        int i = 1, line = 0;
        if (Regex.IsMatch(directive, @"^\(component\b")) return directive;
        while (i < directive.Length)
        {
            SkipTrivia(directive, ref i, ref line);
            if (i >= directive.Length) break;
            char c = directive[i];
            if (c == '(')
            {
                int start = i;
                if (Regex.IsMatch(directive[i..Math.Min(directive.Length, i + 11)], @"^\(component\b"))
                {
                    SkipForm(directive, ref i, ref line);
                    return directive[start..i];
                }
                SkipForm(directive, ref i, ref line);
            }
            else if (c == '"') ReadString(directive, ref i);
            else i++;
        }
        return null;
    }

    /// <summary>The bytes of each string literal in <paramref name="text"/>, in order.</summary>
    public static List<byte[]> Strings(string text) => [.. Tokens(text).Where(t => t.IsString).Select(t => t.Bytes!)];

    private static Directive Analyse(string form, int line)
    {
        var tokens = Tokens(form);
        string head = tokens.Count > 1 ? tokens[1].Text : "";
        // The component form: the directive itself, or the first nested form of an assertion.
        int at = head == "component" ? 1 : tokens.FindIndex(t => t.Text == "component");
        byte[]? binary = null;
        if (at >= 0)
        {
            int j = at + 1;
            while (j < tokens.Count && (tokens[j].Text.StartsWith('$') || tokens[j].Text is "definition" or "instance")) j++;
            if (j < tokens.Count && tokens[j].Text == "binary")
            {
                var bytes = new List<byte>();
                for (j++; j < tokens.Count && tokens[j].IsString; j++) bytes.AddRange(tokens[j].Bytes!);
                binary = [.. bytes];
            }
        }
        string? message = null;
        if (head.StartsWith("assert_", StringComparison.Ordinal))
            for (int k = tokens.Count - 1; k >= 0; k--)
                if (tokens[k].IsString) { message = Encoding.UTF8.GetString(tokens[k].Bytes!); break; }
                else if (tokens[k].Text != ")") break;
        return new Directive(head, line, binary, message, form);
    }

    private readonly record struct Token(string Text, byte[]? Bytes)
    {
        public bool IsString => Bytes is not null;
    }

    private static List<Token> Tokens(string s)
    {
        var list = new List<Token>();
        int i = 0, line = 0;
        while (true)
        {
            SkipTrivia(s, ref i, ref line);
            if (i >= s.Length) return list;
            char c = s[i];
            if (c is '(' or ')') { list.Add(new Token(c.ToString(), null)); i++; continue; }
            if (c == '"') { list.Add(new Token("\"", ReadString(s, ref i))); continue; }
            int start = i;
            while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] is not '(' and not ')' and not '"') i++;
            list.Add(new Token(s[start..i], null));
        }
    }

    private static byte[] ReadString(string s, ref int i)
    {
        var bytes = new List<byte>();
        i++;
        while (s[i] != '"')
        {
            if (s[i] == '\\')
            {
                char e = s[i + 1];
                if (Uri.IsHexDigit(e) && Uri.IsHexDigit(s[i + 2])) { bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16)); i += 3; continue; }
                i += 2;
                switch (e)
                {
                    case 'n': bytes.Add(10); break;
                    case 't': bytes.Add(9); break;
                    case 'r': bytes.Add(13); break;
                    case 'u':
                    {
                        int close = s.IndexOf('}', i);
                        int cp = Convert.ToInt32(s[(i + 1)..close], 16);
                        bytes.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32(cp)));
                        i = close + 1;
                        break;
                    }
                    default: bytes.Add((byte)e); break;
                }
                continue;
            }
            int start = i;
            while (s[i] != '"' && s[i] != '\\') i++;
            bytes.AddRange(Encoding.UTF8.GetBytes(s[start..i]));
        }
        i++;
        return [.. bytes];
    }

    private static void SkipTrivia(string s, ref int i, ref int line)
    {
        while (i < s.Length)
        {
            if (s[i] == '\n') { line++; i++; }
            else if (char.IsWhiteSpace(s[i])) i++;
            else if (s[i] == ';' && i + 1 < s.Length && s[i + 1] == ';') { while (i < s.Length && s[i] != '\n') i++; }
            else if (s[i] == '(' && i + 1 < s.Length && s[i + 1] == ';')
            {
                int depth = 0;
                do
                {
                    if (s[i] == '(' && s[i + 1] == ';') { depth++; i += 2; }
                    else if (s[i] == ';' && s[i + 1] == ')') { depth--; i += 2; }
                    else { if (s[i] == '\n') line++; i++; }
                } while (depth > 0);
            }
            else break;
        }
    }

    private static void SkipForm(string s, ref int i, ref int line)
    {
        int depth = 0;
        while (true)
        {
            SkipTrivia(s, ref i, ref line);
            char c = s[i];
            if (c == '(') { depth++; i++; }
            else if (c == ')') { depth--; i++; if (depth == 0) return; }
            else if (c == '"') ReadString(s, ref i);
            else i++;
        }
    }
}
