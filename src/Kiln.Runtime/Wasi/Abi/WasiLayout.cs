namespace Kiln.Runtime.Wasi;

/// <summary>Sizes and field offsets of preview1's structs in guest memory (wasm32, little-endian).</summary>
internal static class WasiLayout
{
    // ciovec / iovec: buf u32, buf_len u32
    public const int IovecSize = 8;

    // fdstat: fs_filetype u8 @0, fs_flags u16 @2, fs_rights_base u64 @8, fs_rights_inheriting u64 @16
    public const int FdstatSize = 24, FdstatFlags = 2, FdstatRightsBase = 8, FdstatRightsInheriting = 16;

    // filestat: dev @0, ino @8, filetype u8 @16, nlink @24, size @32, atim @40, mtim @48, ctim @56
    public const int FilestatSize = 64;

    // prestat: tag u8 @0, dir.pr_name_len u32 @4
    public const int PrestatSize = 8, PrestatNameLength = 4;

    // dirent: d_next u64 @0, d_ino u64 @8, d_namlen u32 @16, d_type u8 @20; the name follows
    public const int DirentSize = 24, DirentIno = 8, DirentNameLength = 16, DirentType = 20;

    // subscription: userdata u64 @0, tag u8 @8, union @16 (clock: id u32 @16, timeout u64 @24,
    // precision u64 @32, flags u16 @40; fd_readwrite: fd u32 @16)
    public const int SubscriptionSize = 48, SubscriptionTag = 8, SubscriptionClockId = 16,
        SubscriptionClockTimeout = 24, SubscriptionClockFlags = 40, SubscriptionFd = 16;

    // event: userdata u64 @0, error u16 @8, type u8 @10, fd_readwrite: nbytes u64 @16, flags u16 @24
    public const int EventSize = 32, EventError = 8, EventType = 10, EventNbytes = 16, EventFlags = 24;
}
