using Kiln.Wasm.Model;

namespace Kiln.Runtime;

/// <summary>
/// An exception tag (Wasm 3.0 exception handling). Tags are generative: each one defined by an instance, or
/// created by the host, is distinct from every other, even of the same type; an instance that imports a tag
/// uses the exporter's, so exceptions are matched by the identity of this object.
/// </summary>
public sealed class Tag : Extern
{
    /// <summary>A new tag whose exceptions carry values of <paramref name="type"/>'s parameters (no results).</summary>
    public Tag(Store store, FuncType type)
        : base(store)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.Results.Length != 0)
            throw new ArgumentException("a tag's type has no results", nameof(type));
        Type = type;
    }

    /// <summary>The tag's type: its parameters are the exception's payload.</summary>
    public FuncType Type { get; }

    /// <inheritdoc />
    public override ExternalKind Kind => ExternalKind.Tag;

    /// <inheritdoc />
    public override string TypeDescription => $"tag {Type}";
}
