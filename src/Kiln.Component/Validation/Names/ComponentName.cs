namespace Kiln.Component.Validation.Names;

public enum ComponentNameKind : byte { Label, Constructor, Method, Static, Interface, Dependency, Url, Hash }

/// <summary>
/// An import or export name parsed by the grammar of Explainer.md "Import and Export Definitions":
/// a plain label, <c>[constructor]r</c>, <c>[method]r.m</c>, <c>[static]r.m</c>, an interface name
/// <c>ns:pkg/iface@version</c>, or the <c>unlocked-dep=</c>, <c>locked-dep=</c>, <c>url=</c> and
/// <c>integrity=</c> forms wasmparser still accepts. <see cref="UniquenessKey"/> is what "strongly
/// unique" compares: labels ignore case, and <c>[method]a.a</c> is the same name as <c>a</c>.
/// Nested namespaces and projections (🪺) are not enabled, as in wasmparser's defaults.
/// </summary>
public sealed class ComponentName
{
    private ComponentName(string raw, ComponentNameKind kind)
    {
        Raw = raw;
        Kind = kind;
    }

    public string Raw { get; }
    public ComponentNameKind Kind { get; }

    /// <summary>The resource of a constructor, method or static name.</summary>
    public string Resource => Kind switch
    {
        ComponentNameKind.Constructor => Raw["[constructor]".Length..],
        ComponentNameKind.Method => Raw["[method]".Length..Raw.IndexOf('.')],
        ComponentNameKind.Static => Raw["[static]".Length..Raw.IndexOf('.')],
        _ => "",
    };

    /// <summary>For an interface name, the text after <c>@</c>, if any.</summary>
    public string? InterfaceVersion => Kind == ComponentNameKind.Interface && Raw.IndexOf('@') is >= 0 and var at ? Raw[(at + 1)..] : null;

    public string UniquenessKey
    {
        get
        {
            switch (Kind)
            {
                case ComponentNameKind.Label: return "l:" + Raw.ToLowerInvariant();
                case ComponentNameKind.Constructor: return "c:" + Resource.ToLowerInvariant();
                case ComponentNameKind.Method or ComponentNameKind.Static:
                    string rest = Raw[(Raw.IndexOf(']') + 1)..];
                    int dot = rest.IndexOf('.');
                    return Kebab.Equal(rest[..dot], rest[(dot + 1)..]) ? "l:" + rest[..dot].ToLowerInvariant() : "m:" + rest;
                default: return $"{(int)Kind}:{Raw}";
            }
        }
    }

    public override string ToString() => Raw;

    /// <summary>Parses <paramref name="name"/>, or throws with wasmparser's reason at <paramref name="offset"/>.</summary>
    public static ComponentName Parse(string name, long offset)
    {
        var p = new Parser(name, offset);
        var kind = p.Parse();
        if (p.Rest.Length > 0) throw new ComponentValidationException($"trailing characters found: `{p.Rest}`", offset);
        return new ComponentName(name, kind);
    }

    private ref struct Parser(string text, long offset)
    {
        private int _pos;
        public readonly string Rest => text[_pos..];

        public ComponentNameKind Parse()
        {
            if (Eat("[constructor]")) { ExpectKebab(); return ComponentNameKind.Constructor; }
            if (Eat("[method]")) { Kebab(TakeUntil('.')); ExpectKebab(); return ComponentNameKind.Method; }
            if (Eat("[static]")) { Kebab(TakeUntil('.')); ExpectKebab(); return ComponentNameKind.Static; }
            if (Eat("unlocked-dep="))
            {
                Expect("<");
                PkgPath(false);
                if (Eat("@") && !Eat("*"))
                {
                    Expect("{");
                    SemverRange(TakeUpTo('}'));
                    Expect("}");
                }
                Expect(">");
                return ComponentNameKind.Dependency;
            }
            if (Eat("locked-dep="))
            {
                Expect("<");
                PkgName(false);
                Expect(">");
                OptionalHash();
                return ComponentNameKind.Dependency;
            }
            if (Eat("url="))
            {
                Expect("<");
                if (TakeUpTo('>').Contains('<')) throw Fail("url cannot contain `<`");
                Expect(">");
                OptionalHash();
                return ComponentNameKind.Url;
            }
            if (Eat("integrity="))
            {
                Expect("<");
                Hash();
                Expect(">");
                return ComponentNameKind.Hash;
            }
            if (Rest.Contains(':')) { PkgName(true); return ComponentNameKind.Interface; }
            ExpectKebab();
            return ComponentNameKind.Label;
        }

        private void PkgName(bool isInterface)
        {
            PkgPath(isInterface);
            if (Eat("@"))
            {
                int gt = text.IndexOf('>', _pos);
                string version = gt >= 0 ? text[_pos..gt] : text[_pos..];
                _pos += version.Length;
                // An interface name's version is checked later, with its version suffix (🔗).
                if (!isInterface && Semver.Check(version) is { } err) throw Fail($"`{version}` is not a valid semver: {err}");
            }
        }

        private void PkgPath(bool requireProjection)
        {
            TakeLowercaseKebab();
            Expect(":");
            TakeLowercaseKebab();
            if (Rest.StartsWith('/'))
            {
                Expect("/");
                TakeKebab();
            }
            else if (requireProjection) throw Fail("expected `/` after package name");
        }

        private readonly void SemverRange(string range)
        {
            if (range == "*") return;
            if (range.StartsWith(">=", StringComparison.Ordinal))
            {
                var r = range[2..];
                int sp = r.IndexOf(' ');
                string lower = sp >= 0 ? r[..sp] : r;
                CheckSemver(lower);
                if (sp >= 0)
                {
                    string upper = r[(sp + 1)..];
                    if (!upper.StartsWith('<')) throw Fail("expected `<` at start of version range upper bounds");
                    CheckSemver(upper[1..]);
                }
            }
            else if (range.StartsWith('<')) CheckSemver(range[1..]);
            else throw Fail("expected `>=` or `<` at start of version range");
        }

        private readonly void CheckSemver(string s)
        {
            if (Semver.Check(s) is { } err) throw Fail($"`{s}` is not a valid semver: {err}");
        }

        private void Hash()
        {
            string integrity = TakeUpTo('>');
            bool any = false;
            foreach (var hash in integrity.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                any = true;
                string? rest = hash.StartsWith("sha256", StringComparison.Ordinal) || hash.StartsWith("sha384", StringComparison.Ordinal)
                    || hash.StartsWith("sha512", StringComparison.Ordinal) ? hash[6..] : null;
                if (rest is null) throw Fail($"unrecognized hash algorithm: `{hash}`");
                if (!rest.StartsWith('-')) throw Fail($"expected `-` after hash algorithm: {hash}");
                rest = rest[1..];
                int q = rest.IndexOf('?');
                string b64 = q >= 0 ? rest[..q] : rest;
                if (!IsBase64(b64)) throw Fail($"not valid base64: `{b64}`");
            }
            if (!any) throw Fail("integrity hash cannot be empty");
        }

        private void OptionalHash()
        {
            if (!Eat(",")) return;
            Expect("integrity=<");
            Hash();
            Expect(">");
        }

        private static bool IsBase64(string s)
        {
            if (s.Length == 0) return false;
            int equals = 0;
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if ((char.IsAsciiLetterOrDigit(c) || c == '+' || c == '/') && equals == 0) continue;
                if (c == '=' && i > 0 && equals < 2) { equals++; continue; }
                return false;
            }
            return true;
        }

        private bool Eat(string prefix)
        {
            if (!text.AsSpan(_pos).StartsWith(prefix, StringComparison.Ordinal)) return false;
            _pos += prefix.Length;
            return true;
        }

        private void Expect(string prefix)
        {
            if (!Eat(prefix)) throw Fail($"expected `{prefix}` at `{Rest}`");
        }

        private string TakeUntil(char c)
        {
            int i = text.IndexOf(c, _pos);
            if (i < 0) throw Fail($"failed to find `{c}` character");
            string s = text[_pos..i];
            _pos = i + 1;
            return s;
        }

        private string TakeUpTo(char c)
        {
            int i = text.IndexOf(c, _pos);
            if (i < 0) throw Fail($"failed to find `{c}` character");
            string s = text[_pos..i];
            _pos = i;
            return s;
        }

        private string TakeKebab()
        {
            int i = _pos;
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '-')) i++;
            if (i == text.Length) return ExpectKebab();
            string s = text[_pos..i];
            _pos = i;
            return Kebab(s);
        }

        private void TakeLowercaseKebab()
        {
            string s = TakeKebab();
            foreach (char c in s)
                if (char.IsLetter(c) && !char.IsLower(c)) throw Fail($"character `{c}` is not lowercase in package name/namespace");
        }

        private string ExpectKebab()
        {
            string s = text[_pos..];
            _pos = text.Length;
            return Kebab(s);
        }

        private readonly string Kebab(string s) =>
            Names.Kebab.IsKebab(s) ? s : throw Fail($"`{s}` is not in kebab case");

        private readonly ComponentValidationException Fail(string reason) => new(reason, offset);
    }
}
