namespace Kiln.Runtime;

/// <summary>A WAVE text does not spell a value of the type it is parsed as; the message says where (column) and why.</summary>
public sealed class WaveException(string message) : KilnException(message);
