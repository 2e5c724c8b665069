namespace Kiln.Component.Wit.Model;

/// <summary><c>namespace:name@version</c>; two names are the same package only with the same version.</summary>
public sealed record WitPackageName(string Namespace, string Name, WitVersion? Version)
{
    /// <summary>The name without version: <c>wasi:io</c>.</summary>
    public string Unversioned => $"{Namespace}:{Name}";

    /// <summary>The interface or world id inside this package: <c>wasi:io/streams@0.2.0</c>.</summary>
    public string IdOf(string item) => $"{Namespace}:{Name}/{item}" + (Version is { } v ? "@" + v : "");

    public override string ToString() => Unversioned + (Version is { } v ? "@" + v : "");
}
