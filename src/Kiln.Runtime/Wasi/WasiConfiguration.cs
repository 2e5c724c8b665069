using System.Security.Cryptography;

namespace Kiln.Runtime.Wasi;

/// <summary>
/// What a guest gets to see: arguments, environment, preopened directories, stdio, and the sources of time and
/// randomness. Build it, then hand it to <see cref="Wasi.AddToLinker(Linker, WasiConfiguration)"/> or
/// <see cref="WasiContext"/>. Nothing is inherited from the host unless asked for.
/// </summary>
public sealed class WasiConfiguration
{
    /// <summary>argv, program name first.</summary>
    public List<string> Args { get; } = [];

    /// <summary>Environment variables, in order.</summary>
    public List<KeyValuePair<string, string>> Environment { get; } = [];

    /// <summary>Directories, as fds 3, 4, ... in order.</summary>
    public List<WasiPreopen> Preopens { get; } = [];

    /// <summary>Host sockets (e.g. listening ones) the guest gets as fds after the preopens; the embedder keeps them open.</summary>
    public List<System.Net.Sockets.Socket> Sockets { get; } = [];

    /// <summary>fd 0.</summary>
    public WasiStdio Stdin { get; set; } = WasiStdio.Null;

    /// <summary>fd 1.</summary>
    public WasiStdio Stdout { get; set; } = WasiStdio.Null;

    /// <summary>fd 2.</summary>
    public WasiStdio Stderr { get; set; } = WasiStdio.Null;

    /// <summary>Clocks (the host's by default).</summary>
    public IWasiClocks Clocks { get; set; } = SystemWasiClocks.Instance;

    /// <summary>Fills random_get's buffer (a cryptographic generator by default).</summary>
    public Action<Span<byte>> Random { get; set; } = RandomNumberGenerator.Fill;

    /// <summary>Most descriptors the guest may hold at once (EMFILE beyond).</summary>
    public int MaxOpenFiles { get; set; } = 1024;

    /// <summary>Adds arguments.</summary>
    public WasiConfiguration WithArgs(params string[] args)
    {
        Args.AddRange(args);
        return this;
    }

    /// <summary>Adds one environment variable.</summary>
    public WasiConfiguration WithEnv(string name, string value)
    {
        Environment.Add(new(name, value));
        return this;
    }

    /// <summary>Adds the host process's environment.</summary>
    public WasiConfiguration InheritEnvironment()
    {
        foreach (System.Collections.DictionaryEntry e in System.Environment.GetEnvironmentVariables())
            Environment.Add(new((string)e.Key, (string?)e.Value ?? ""));
        return this;
    }

    /// <summary>Adds a preopened directory from <c>HOST[::GUEST]</c>.</summary>
    public WasiConfiguration Preopen(string spec)
    {
        Preopens.Add(WasiPreopen.Parse(spec));
        return this;
    }

    /// <summary>Adds a preopened directory.</summary>
    public WasiConfiguration Preopen(string hostPath, string guestPath, bool readOnly = false)
    {
        Preopens.Add(new WasiPreopen(hostPath, guestPath, readOnly));
        return this;
    }

    /// <summary>Connects fds 0, 1 and 2 to the host process's own.</summary>
    public WasiConfiguration InheritStdio()
    {
        Stdin = WasiStdio.Inherit(0);
        Stdout = WasiStdio.Inherit(1);
        Stderr = WasiStdio.Inherit(2);
        return this;
    }
}
