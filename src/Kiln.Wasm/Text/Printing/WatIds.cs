namespace Kiln.Wasm.Text.Printing;

/// <summary>Which names can be written as a WAT identifier (<c>$name</c>) without quoting.</summary>
internal static class WatIds
{
    // idchar from the text format: 0-9 a-z A-Z and ! # $ % & ' * + - . / : < = > ? @ \ ^ _ ` | ~
    private static readonly bool[] IdChar = Build();

    public static bool IsValid(string name)
    {
        if (name.Length == 0) return false;
        foreach (char c in name)
        {
            if (c >= IdChar.Length || !IdChar[c]) return false;
        }
        return true;
    }

    private static bool[] Build()
    {
        var t = new bool[128];
        for (char c = '0'; c <= '9'; c++) t[c] = true;
        for (char c = 'a'; c <= 'z'; c++) t[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) t[c] = true;
        foreach (char c in "!#$%&'*+-./:<=>?@\\^_`|~") t[c] = true;
        return t;
    }
}
