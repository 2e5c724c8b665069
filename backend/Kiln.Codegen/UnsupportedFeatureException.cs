namespace Kiln.Codegen;

/// <summary>
/// The function uses something the target cannot compile yet (as Cranelift's <c>CodegenError::Unsupported</c>):
/// callers decide by <see cref="Feature"/>, never by the message.
/// </summary>
public sealed class UnsupportedFeatureException(UnsupportedFeature feature, string detail)
    : NotSupportedException($"{detail} is not supported yet")
{
    public UnsupportedFeature Feature { get; } = feature;
    public string Detail { get; } = detail;
}
