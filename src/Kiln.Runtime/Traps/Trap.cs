using System.Text;

namespace Kiln.Runtime;

/// <summary>
/// A WebAssembly trap: execution (or instantiation) stopped at an instruction that cannot proceed.
/// A host function's exception arrives as a trap with <see cref="TrapCode.HostError"/> and the exception
/// as <see cref="Exception.InnerException"/>.
/// </summary>
/// <remarks>
/// <see cref="Exception.Message"/> is the spec's wording alone (script runners match it); <see cref="ToString"/>
/// adds the wasm backtrace the way Wasmtime prints it.
/// </remarks>
public sealed class Trap : KilnException
{
    private readonly List<TrapFrame> backtrace;

    /// <summary>A trap with the spec message for <paramref name="code"/>.</summary>
    public Trap(TrapCode code)
        : this(code, TrapMessages.Of(code), null, [])
    {
    }

    /// <summary>A trap with the spec message for <paramref name="code"/> and a cause.</summary>
    public Trap(TrapCode code, Exception? innerException)
        : this(code, Format(code, innerException), innerException, [])
    {
    }

    /// <summary>A trap with an explicit message and backtrace.</summary>
    public Trap(TrapCode code, string message, Exception? innerException, IReadOnlyList<TrapFrame> backtrace)
        : base(message, innerException)
    {
        ArgumentNullException.ThrowIfNull(backtrace);
        Code = code;
        this.backtrace = [.. backtrace];
        BacktraceDepth = this.backtrace.Count;
    }

    /// <summary>Why execution stopped.</summary>
    public TrapCode Code { get; }

    /// <summary>
    /// The wasm frames active at the trap, innermost first (empty when unknown): every wasm frame between the
    /// trap and the host's call into wasm, and, when the trap passed through host functions that called wasm
    /// themselves (host → wasm → host → wasm), the outer calls' frames after the inner ones. Trampolines are
    /// left out. At most <see cref="EngineConfig.WasmBacktraceMaxFrames"/> frames are kept (20 by default, as
    /// Wasmtime); <see cref="BacktraceDepth"/> still counts every frame.
    /// </summary>
    public IReadOnlyList<TrapFrame> Backtrace => backtrace;

    /// <summary>How many wasm frames there were, including any left out of <see cref="Backtrace"/>.</summary>
    public int BacktraceDepth { get; private set; }

    /// <summary>The backtrace as text: <c>wasm backtrace:</c> then one <c>    i: 0x1a3 - name</c> line per frame;
    /// empty when there are no frames.</summary>
    public string BacktraceText
    {
        get
        {
            if (backtrace.Count == 0)
                return "";
            var sb = new StringBuilder("wasm backtrace:");
            for (int i = 0; i < backtrace.Count; i++)
                sb.Append('\n').Append(' ', 4).Append(i).Append(": ").Append(backtrace[i]);
            if (BacktraceDepth > backtrace.Count)
                sb.Append('\n').Append(' ', 4).Append("... ").Append(BacktraceDepth - backtrace.Count).Append(" more frames");
            return sb.ToString();
        }
    }

    /// <summary>Frames of an outer call into wasm that this trap unwound through (a host function let it pass).</summary>
    internal void AppendOuterFrames(IReadOnlyList<TrapFrame> frames, int depth, int maxFrames)
    {
        for (int i = 0; i < frames.Count && backtrace.Count < maxFrames; i++)
            backtrace.Add(frames[i]);
        BacktraceDepth += depth;
    }

    /// <summary>Sets the frames and their full count (before the trap is thrown).</summary>
    internal void SetDepth(int depth) => BacktraceDepth = Math.Max(depth, backtrace.Count);

    /// <summary>The message, the wasm backtrace, then what <see cref="Exception.ToString"/> adds (inner exception, stack trace).</summary>
    public override string ToString()
    {
        string text = BacktraceText;
        if (text.Length == 0)
            return base.ToString();
        // base: "Type: Message[ ---> inner][\n stack]"; the backtrace goes right after the message.
        string head = $"{GetType().FullName}: {Message}";
        string full = base.ToString();
        return full.StartsWith(head, StringComparison.Ordinal)
            ? $"{head}\n{text}{full[head.Length..]}"
            : $"{full}\n{text}";
    }

    private static string Format(TrapCode code, Exception? inner) =>
        inner is null ? TrapMessages.Of(code) : $"{TrapMessages.Of(code)}: {inner.Message}";
}
