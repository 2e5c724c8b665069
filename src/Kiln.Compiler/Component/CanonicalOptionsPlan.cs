using Kiln.Component.Validation.Canonical;

namespace Kiln.Compiler.Component;

/// <summary>
/// The canonical options of one lift or lower after translation: the component instance they belong to,
/// the string encoding, and indices into the VMComponentContext's memories, reallocs and post-returns
/// (filled by the <c>Extract*</c> initializers). <see cref="Resources"/> maps the validator's resource
/// identities in this definition's types to run-time resources.
/// </summary>
public sealed record CanonicalOptionsPlan(
    int Instance,
    StringEncoding Encoding,
    int? Memory,
    int? Realloc,
    int? PostReturn,
    IReadOnlyDictionary<int, int> Resources);
