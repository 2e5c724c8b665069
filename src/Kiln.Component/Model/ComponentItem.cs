namespace Kiln.Component.Model;

/// <summary>
/// Base of every definition inside a section: it remembers where it was decoded (byte offset of its
/// first byte in the outermost binary, -1 from text) so the validator can name a place. Records are
/// used for brevity only: compare components with <c>ComponentComparer</c>, never with <c>==</c>
/// (the lists inside compare by reference, and offsets differ between equal components).
/// </summary>
public abstract record ComponentItem
{
    public int Offset { get; init; } = -1;
}
