namespace Kiln.Runtime;

/// <summary>Instantiation needed more than the store's <see cref="StoreLimits"/> allow: more instances, or a memory or
/// table whose minimum size is beyond the limit (growth beyond them is not an error: it fails as wasm growth fails).</summary>
public sealed class ResourceLimitException(string message) : KilnException(message);
