namespace Kiln.Codegen;

/// <summary>The input cannot be allocated (more operands need registers at one point than exist).</summary>
public sealed class RegAllocException(string message) : Exception(message);
