using System.Runtime.InteropServices;

namespace Kiln.Runtime.Wasi;

/// <summary>Lets a store dispose a WASI context with everything else it owns (the store frees SafeHandles).</summary>
internal sealed class ContextOwner : SafeHandle
{
    private readonly WasiContext context;

    public ContextOwner(WasiContext context)
        : base(1, true)
    {
        this.context = context;
    }

    public override bool IsInvalid => false;

    protected override bool ReleaseHandle()
    {
        context.Dispose();
        return true;
    }
}
