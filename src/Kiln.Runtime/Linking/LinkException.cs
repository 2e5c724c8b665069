namespace Kiln.Runtime;

/// <summary>
/// A module cannot be instantiated with the given imports. The message starts with the spec tests' wording
/// for <c>assert_unlinkable</c>: "unknown import" or "incompatible import type".
/// </summary>
public sealed class LinkException : KilnException
{
    /// <summary>Creates the error for import <paramref name="moduleName"/>/<paramref name="name"/>.</summary>
    public LinkException(LinkErrorKind kind, string moduleName, string name, string? detail = null)
        : base(Format(kind, moduleName, name, detail))
    {
        Kind = kind;
        ModuleName = moduleName;
        Name = name;
    }

    /// <summary>What went wrong.</summary>
    public LinkErrorKind Kind { get; }

    /// <summary>The import's module name.</summary>
    public string ModuleName { get; }

    /// <summary>The import's field name.</summary>
    public string Name { get; }

    private static string Format(LinkErrorKind kind, string module, string name, string? detail)
    {
        string what = kind == LinkErrorKind.UnknownImport ? "unknown import" : "incompatible import type";
        return detail is null ? $"{what}: \"{module}\" \"{name}\"" : $"{what}: \"{module}\" \"{name}\": {detail}";
    }
}
