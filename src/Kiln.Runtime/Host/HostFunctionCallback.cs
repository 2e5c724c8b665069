namespace Kiln.Runtime;

/// <summary>
/// A host function's implementation. <paramref name="args"/> match the function type's parameters;
/// <paramref name="results"/> arrives filled with default values of the result types and must hold values of
/// those types on return. Any exception becomes a <see cref="Trap"/> for the embedder (a <see cref="Trap"/>
/// thrown here surfaces unchanged).
/// </summary>
public delegate void HostFunctionCallback(Caller caller, ReadOnlySpan<Value> args, Span<Value> results);
