using System.Runtime.CompilerServices;

namespace Kiln.Runtime;

/// <summary>Room for a few <see cref="Value"/>s on the stack, so typed calls allocate nothing.</summary>
[InlineArray(Length)]
internal struct ValueBuffer
{
    public const int Length = 4;

    private Value element;
}
