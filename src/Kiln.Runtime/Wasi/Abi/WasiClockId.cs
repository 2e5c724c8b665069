namespace Kiln.Runtime.Wasi;

/// <summary>WASI preview1 <c>clockid</c>.</summary>
public enum WasiClockId : uint
{
    Realtime = 0,
    Monotonic = 1,
    ProcessCpuTime = 2,
    ThreadCpuTime = 3,
}
