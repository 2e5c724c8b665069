using System.Text;

namespace Kiln.Wasm.Tests.Binary;

/// <summary>One <c>(module binary …)</c> found in a .wast script, with the assertion around it.</summary>
public sealed record WastBinaryModule(string File, int Line, string Assertion, byte[] Bytes, string? Expected);

/// <summary>
/// Pulls the binary modules out of .wast scripts: just enough of the s-expression syntax (strings with escapes,
/// comments, parentheses) to find <c>(module $id? binary "…"*)</c> and the assertion wrapping it. The kiln wast
/// runner has the real parser; this only feeds the decoder tests with the local spec suite copy.
/// </summary>
public static class WastBinaryModules
{
    public static List<WastBinaryModule> Read(string path)
    {
        var text = File.ReadAllBytes(path);
        var result = new List<WastBinaryModule>();
        var root = Parse(text);
        foreach (var form in root)
        {
            if (form is not Node top || top.Items.Count == 0 || top.Items[0] is not Atom head) continue;
            if (head.Text == "module")
            {
                if (AsBinary(top) is { } b) result.Add(new(Path.GetFileName(path), top.Line, "module", b, null));
            }
            else if (head.Text.StartsWith("assert_", StringComparison.Ordinal) && top.Items.Count >= 2 && top.Items[1] is Node inner
                     && inner.Items.Count > 0 && inner.Items[0] is Atom { Text: "module" } && AsBinary(inner) is { } bytes)
            {
                string? expected = top.Items.Count >= 3 && top.Items[2] is Str s ? Encoding.UTF8.GetString(s.Bytes) : null;
                result.Add(new(Path.GetFileName(path), top.Line, head.Text, bytes, expected));
            }
        }
        return result;
    }

    private static byte[]? AsBinary(Node module)
    {
        int i = 1;
        if (i < module.Items.Count && module.Items[i] is Atom id && id.Text.StartsWith('$')) i++;
        if (i >= module.Items.Count || module.Items[i] is not Atom { Text: "binary" }) return null;
        var bytes = new List<byte>();
        for (i++; i < module.Items.Count; i++)
            if (module.Items[i] is Str s) bytes.AddRange(s.Bytes);
        return bytes.ToArray();
    }

    private abstract record Item;
    private sealed record Atom(string Text) : Item;
    private sealed record Str(byte[] Bytes) : Item;
    private sealed record Node(List<Item> Items, int Line) : Item;

    private static List<Item> Parse(byte[] s)
    {
        var stack = new Stack<Node>();
        var top = new Node([], 0);
        var cur = top;
        int line = 1;
        for (int i = 0; i < s.Length;)
        {
            byte c = s[i];
            if (c == '\n') { line++; i++; }
            else if (c is (byte)' ' or (byte)'\t' or (byte)'\r') i++;
            else if (c == ';' && i + 1 < s.Length && s[i + 1] == ';') { while (i < s.Length && s[i] != '\n') i++; }
            else if (c == '(' && i + 1 < s.Length && s[i + 1] == ';')
            {
                int depth = 0;
                do
                {
                    if (s[i] == '(' && s[i + 1] == ';') { depth++; i += 2; }
                    else if (s[i] == ';' && s[i + 1] == ')') { depth--; i += 2; }
                    else { if (s[i] == '\n') line++; i++; }
                } while (depth > 0 && i + 1 < s.Length);
            }
            else if (c == '(') { var n = new Node([], line); cur.Items.Add(n); stack.Push(cur); cur = n; i++; }
            else if (c == ')') { cur = stack.Count > 0 ? stack.Pop() : top; i++; }
            else if (c == '"') { i++; cur.Items.Add(new Str(ReadString(s, ref i, ref line))); }
            else
            {
                int start = i;
                while (i < s.Length && s[i] is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'(' or (byte)')' or (byte)'"')) i++;
                cur.Items.Add(new Atom(Encoding.UTF8.GetString(s, start, i - start)));
            }
        }
        return top.Items;
    }

    private static byte[] ReadString(byte[] s, ref int i, ref int line)
    {
        var b = new List<byte>();
        while (i < s.Length && s[i] != '"')
        {
            if (s[i] == '\n') line++;
            if (s[i] != '\\') { b.Add(s[i++]); continue; }
            i++;
            char e = (char)s[i];
            switch (e)
            {
                case 'n': b.Add(10); i++; break;
                case 't': b.Add(9); i++; break;
                case 'r': b.Add(13); i++; break;
                case '\\': case '\'': case '"': b.Add((byte)e); i++; break;
                case 'u':
                    {
                        int close = Array.IndexOf(s, (byte)'}', i);
                        int cp = Convert.ToInt32(Encoding.ASCII.GetString(s, i + 2, close - i - 2).Replace("_", ""), 16);
                        b.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32(cp)));
                        i = close + 1;
                        break;
                    }
                default:
                    b.Add(Convert.ToByte(Encoding.ASCII.GetString(s, i, 2), 16));
                    i += 2;
                    break;
            }
        }
        i++;
        return b.ToArray();
    }
}
