using System.Runtime.InteropServices;

namespace Kiln.Runtime.Tests.Native;

/// <summary>A fact that runs hand-written x86-64 machine code: skipped on any other architecture.</summary>
public sealed class X64FactAttribute : FactAttribute
{
    public X64FactAttribute()
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64)
            Skip = "uses hand-written x86-64 machine code";
    }
}
