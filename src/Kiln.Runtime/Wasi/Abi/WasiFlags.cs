namespace Kiln.Runtime.Wasi;

/// <summary>The small bit sets and enumerations of preview1's function parameters.</summary>
internal static class WasiFlags
{
    // oflags
    public const uint OCreat = 1, ODirectory = 2, OExcl = 4, OTrunc = 8;

    // fdflags
    public const uint FdAppend = 1, FdDsync = 2, FdNonblock = 4, FdRsync = 8, FdSync = 16;

    // lookupflags
    public const uint LookupSymlinkFollow = 1;

    // whence
    public const uint WhenceCur = 1;

    // eventtype (also the subscription tag)
    public const byte EventClock = 0, EventFdRead = 1, EventFdWrite = 2;

    // subclockflags
    public const ushort SubscriptionClockAbstime = 1;

    // eventrwflags
    public const ushort EventFdReadwriteHangup = 1;

    // preopentype
    public const byte PreopenDir = 0;
}
