namespace Kiln.DiffFuzz;

/// <summary>
/// What one engine did with a prepared module: <see cref="Status"/> is "ok", "timeout", "crash" or
/// "error" (the engine could not run it at all), and <see cref="Events"/> lists in order
/// <c>instantiate ! KIND</c>, <c>call NAME = V...</c>, <c>call NAME ! KIND</c> and <c>log NAME V...</c>.
/// Integers are unsigned decimals; host-call floats are <c>bits:HEX</c> (exact) or <c>fmt:TEXT</c> (printf %f).
/// </summary>
internal sealed record Outcome(string Engine, string Status, List<string> Events, string Detail = "")
{
    public static Outcome Failed(string engine, string status, string detail) => new(engine, status, [], detail);
}
