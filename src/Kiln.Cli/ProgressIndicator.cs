namespace Kiln.Cli;

/// <summary>
/// "kiln compile: compiling x.wasm … 2.3s" on stderr, redrawn in place, once the work has taken more than half a
/// second — and only when stderr is a terminal, so logs and pipes never see it. Disposing erases the line.
/// </summary>
public sealed class ProgressIndicator : IDisposable
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(500);
    private static readonly char[] Spinner = ['|', '/', '-', '\\'];

    private readonly Timer? timer;
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly string text;
    private readonly object gate = new();
    private int ticks;
    private bool shown, done;

    private ProgressIndicator(string text, bool enabled)
    {
        this.text = text;
        if (enabled) timer = new Timer(_ => Draw(), null, Delay, TimeSpan.FromMilliseconds(120));
    }

    /// <summary>Starts an indicator (inert when stderr is redirected).</summary>
    public static ProgressIndicator Start(string text) => new(text, !Console.IsErrorRedirected);

    private void Draw()
    {
        lock (gate)
        {
            if (done) return;
            shown = true;
            Console.Error.Write($"\r{Spinner[ticks++ % Spinner.Length]} {text} {clock.Elapsed.TotalSeconds:0.0}s ");
        }
    }

    public void Dispose()
    {
        timer?.Dispose();
        lock (gate)
        {
            done = true;
            if (shown) Console.Error.Write("\r\x1b[2K");
        }
    }
}
