namespace Kiln.Runtime.Wasi;

/// <summary>WASI preview1 <c>filetype</c>.</summary>
public enum WasiFileType : byte
{
    Unknown = 0,
    BlockDevice = 1,
    CharacterDevice = 2,
    Directory = 3,
    RegularFile = 4,
    SocketDgram = 5,
    SocketStream = 6,
    SymbolicLink = 7,
}
