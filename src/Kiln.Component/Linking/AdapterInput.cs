namespace Kiln.Component.Linking;

/// <summary>
/// An adapter module for <c>component new --adapt NAME=FILE</c>: the program's imports from core module
/// <paramref name="Name"/> are satisfied by the adapter's exports. Passed as bytes so a built-in adapter (a resource
/// of Kiln) wires the same way as a file.
/// </summary>
public sealed record AdapterInput(string Name, byte[] Bytes);
