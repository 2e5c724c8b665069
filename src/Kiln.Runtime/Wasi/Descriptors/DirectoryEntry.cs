namespace Kiln.Runtime.Wasi;

/// <summary>One name in a directory listing, as fd_readdir reports it.</summary>
internal sealed record DirectoryEntry(ulong Inode, WasiFileType Type, byte[] Name);
