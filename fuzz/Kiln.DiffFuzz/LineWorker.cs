using System.Diagnostics;

namespace Kiln.DiffFuzz;

/// <summary>
/// A long-lived child process that answers one line per request line (a module path in, one JSON line out),
/// so an engine's start-up is paid once per lane instead of once per module. A request over the time limit
/// kills the process (generated code cannot be interrupted) and the next request starts a fresh one; so does
/// a process that dies. Each request is independent: the child instantiates every module afresh.
/// </summary>
/// <param name="recycleAfter">Requests one process answers before it is replaced by a fresh one (0: never), for a
/// child whose memory grows with every module (qemu-user keeps bookkeeping of every mapping the guest ever made).</param>
internal sealed class LineWorker(Func<ProcessStartInfo> start, int recycleAfter = 0) : IDisposable
{
    private Process? process;
    private int answered;

    public enum Status { Ok, Timeout, Exited }

    /// <summary>Sends <paramref name="request"/> and waits for the answer line; on <see cref="Status.Exited"/>
    /// the string is the exit description.</summary>
    public (Status, string) Ask(string request, TimeSpan timeout)
    {
        if (process is not null && recycleAfter > 0 && answered >= recycleAfter) Stop();
        if (process is null)
        {
            answered = 0;
            var psi = start();
            psi.RedirectStandardInput = true;
            psi.RedirectStandardOutput = true;
            psi.UseShellExecute = false;
            process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {psi.FileName}");
        }
        try
        {
            process.StandardInput.WriteLine(request);
            process.StandardInput.Flush();
        }
        catch (IOException)
        {
            // The child died after its previous answer; the read below reports how.
        }
        var read = process.StandardOutput.ReadLineAsync();
        if (!read.Wait(timeout))
        {
            Stop();
            return (Status.Timeout, "");
        }
        if (read.Result is not string line)
        {
            process.WaitForExit();
            string detail = $"worker exited with {process.ExitCode}";
            Stop();
            return (Status.Exited, detail);
        }
        answered++;
        return (Status.Ok, line);
    }

    private void Stop()
    {
        if (process is null) return;
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); process.WaitForExit(); } catch (InvalidOperationException) { }
        process.Dispose();
        process = null;
    }

    public void Dispose() => Stop();
}
