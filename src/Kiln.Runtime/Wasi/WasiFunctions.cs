using Kiln.Wasm.Model;

namespace Kiln.Runtime.Wasi;

/// <summary>
/// Every wasi_snapshot_preview1 function: name, exact wasm parameter types ('i' i32, 'I' i64; the result is one
/// i32 errno, except proc_exit which returns nothing) and its body.
/// </summary>
internal static class WasiFunctions
{
    public sealed record Row(string Name, string Params, bool Returns, WasiHandler Body)
    {
        public FuncType Type => new(
            [.. Params.Select(c => c == 'I' ? ValType.I64 : ValType.I32)],
            Returns ? [ValType.I32] : []);
    }

    public static readonly Row[] All =
    [
        new("args_get", "ii", true, (in WasiCall a) => a.C.ArgsGet(a.M, a.U(0), a.U(1))),
        new("args_sizes_get", "ii", true, (in WasiCall a) => a.C.ArgsSizesGet(a.M, a.U(0), a.U(1))),
        new("environ_get", "ii", true, (in WasiCall a) => a.C.EnvironGet(a.M, a.U(0), a.U(1))),
        new("environ_sizes_get", "ii", true, (in WasiCall a) => a.C.EnvironSizesGet(a.M, a.U(0), a.U(1))),
        new("clock_res_get", "ii", true, (in WasiCall a) => a.C.ClockResGet(a.M, a.U(0), a.U(1))),
        new("clock_time_get", "iIi", true, (in WasiCall a) => a.C.ClockTimeGet(a.M, a.U(0), a.L(1), a.U(2))),
        new("fd_advise", "iIIi", true, (in WasiCall a) => a.C.FdAdvise(a.U(0), a.L(1), a.L(2), a.U(3))),
        new("fd_allocate", "iII", true, (in WasiCall a) => a.C.FdAllocate(a.U(0), a.L(1), a.L(2))),
        new("fd_close", "i", true, (in WasiCall a) => a.C.FdClose(a.U(0))),
        new("fd_datasync", "i", true, (in WasiCall a) => a.C.FdDatasync(a.U(0))),
        new("fd_fdstat_get", "ii", true, (in WasiCall a) => a.C.FdFdstatGet(a.M, a.U(0), a.U(1))),
        new("fd_fdstat_set_flags", "ii", true, (in WasiCall a) => a.C.FdFdstatSetFlags(a.U(0), a.U(1))),
        new("fd_fdstat_set_rights", "iII", true, (in WasiCall a) => a.C.FdFdstatSetRights(a.U(0), a.L(1), a.L(2))),
        new("fd_filestat_get", "ii", true, (in WasiCall a) => a.C.FdFilestatGet(a.M, a.U(0), a.U(1))),
        new("fd_filestat_set_size", "iI", true, (in WasiCall a) => a.C.FdFilestatSetSize(a.U(0), a.L(1))),
        new("fd_filestat_set_times", "iIIi", true, (in WasiCall a) => a.C.FdFilestatSetTimes(a.U(0), a.L(1), a.L(2), a.U(3))),
        new("fd_pread", "iiiIi", true, (in WasiCall a) => a.C.FdPread(a.M, a.U(0), a.U(1), a.U(2), a.L(3), a.U(4))),
        new("fd_prestat_get", "ii", true, (in WasiCall a) => a.C.FdPrestatGet(a.M, a.U(0), a.U(1))),
        new("fd_prestat_dir_name", "iii", true, (in WasiCall a) => a.C.FdPrestatDirName(a.M, a.U(0), a.U(1), a.U(2))),
        new("fd_pwrite", "iiiIi", true, (in WasiCall a) => a.C.FdPwrite(a.M, a.U(0), a.U(1), a.U(2), a.L(3), a.U(4))),
        new("fd_read", "iiii", true, (in WasiCall a) => a.C.FdRead(a.M, a.U(0), a.U(1), a.U(2), a.U(3))),
        new("fd_readdir", "iiiIi", true, (in WasiCall a) => a.C.FdReaddir(a.M, a.U(0), a.U(1), a.U(2), a.L(3), a.U(4))),
        new("fd_renumber", "ii", true, (in WasiCall a) => a.C.FdRenumber(a.U(0), a.U(1))),
        new("fd_seek", "iIii", true, (in WasiCall a) => a.C.FdSeek(a.M, a.U(0), (long)a.L(1), a.U(2), a.U(3))),
        new("fd_sync", "i", true, (in WasiCall a) => a.C.FdSync(a.U(0))),
        new("fd_tell", "ii", true, (in WasiCall a) => a.C.FdTell(a.M, a.U(0), a.U(1))),
        new("fd_write", "iiii", true, (in WasiCall a) => a.C.FdWrite(a.M, a.U(0), a.U(1), a.U(2), a.U(3))),
        new("path_create_directory", "iii", true, (in WasiCall a) => a.C.PathCreateDirectory(a.M, a.U(0), a.U(1), a.U(2))),
        new("path_filestat_get", "iiiii", true, (in WasiCall a) => a.C.PathFilestatGet(a.M, a.U(0), a.U(1), a.U(2), a.U(3), a.U(4))),
        new("path_filestat_set_times", "iiiiIIi", true, (in WasiCall a) => a.C.PathFilestatSetTimes(a.M, a.U(0), a.U(1), a.U(2), a.U(3), a.L(4), a.L(5), a.U(6))),
        new("path_link", "iiiiiii", true, (in WasiCall a) => a.C.PathLink(a.M, a.U(0), a.U(1), a.U(2), a.U(3), a.U(4), a.U(5), a.U(6))),
        new("path_open", "iiiiiIIii", true, (in WasiCall a) => a.C.PathOpen(a.M, a.U(0), a.U(1), a.U(2), a.U(3), a.U(4), a.L(5), a.L(6), a.U(7), a.U(8))),
        new("path_readlink", "iiiiii", true, (in WasiCall a) => a.C.PathReadlink(a.M, a.U(0), a.U(1), a.U(2), a.U(3), a.U(4), a.U(5))),
        new("path_remove_directory", "iii", true, (in WasiCall a) => a.C.PathRemoveDirectory(a.M, a.U(0), a.U(1), a.U(2))),
        new("path_rename", "iiiiii", true, (in WasiCall a) => a.C.PathRename(a.M, a.U(0), a.U(1), a.U(2), a.U(3), a.U(4), a.U(5))),
        new("path_symlink", "iiiii", true, (in WasiCall a) => a.C.PathSymlink(a.M, a.U(0), a.U(1), a.U(2), a.U(3), a.U(4))),
        new("path_unlink_file", "iii", true, (in WasiCall a) => a.C.PathUnlinkFile(a.M, a.U(0), a.U(1), a.U(2))),
        new("poll_oneoff", "iiii", true, (in WasiCall a) => a.C.PollOneoff(a.M, a.U(0), a.U(1), a.U(2), a.U(3))),
        new("proc_exit", "i", false, (in WasiCall a) => { a.C.ProcExit(a.U(0)); return WasiErrno.Success; }),
        new("proc_raise", "i", true, (in WasiCall a) => a.C.ProcRaise(a.U(0))),
        new("sched_yield", "", true, (in WasiCall a) => a.C.SchedYield()),
        new("random_get", "ii", true, (in WasiCall a) => a.C.RandomGet(a.M, a.U(0), a.U(1))),
        new("sock_accept", "iii", true, (in WasiCall a) => a.C.SockAccept(a.M, a.U(0), a.U(1), a.U(2))),
        new("sock_recv", "iiiiii", true, (in WasiCall a) => a.C.SockRecv(a.M, a.U(0), a.U(1), a.U(2), a.U(3), a.U(4), a.U(5))),
        new("sock_send", "iiiii", true, (in WasiCall a) => a.C.SockSend(a.M, a.U(0), a.U(1), a.U(2), a.U(3), a.U(4))),
        new("sock_shutdown", "ii", true, (in WasiCall a) => a.C.SockShutdown(a.U(0), a.U(1))),
    ];
}
