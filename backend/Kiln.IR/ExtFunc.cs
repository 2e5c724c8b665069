namespace Kiln.IR;

/// <summary>
/// A callee declared in the function preamble. <see cref="IsLibCall"/> marks a named runtime library
/// routine (memory.grow, table.get, ...) that the linker resolves against the runtime rather than the module.
/// </summary>
public sealed record ExtFunc(string Name, SigRef Signature, bool IsLibCall);
