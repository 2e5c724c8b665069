namespace Kiln.Reference;

/// <summary>jco (wasm-tools in JavaScript, with the reference <c>wasi_snapshot_preview1</c> adapters) as tests
/// find it: the node_modules folder named by <c>KILN_JCO_NODE_MODULES</c>, by default /work/tools/node_modules.
/// <c>.ci/run</c> installs the pinned version and sets the variable. A test that needs jco fails when it is
/// absent (it never passes by doing nothing); <see cref="InstallHint"/> says how to install it.</summary>
public static class Jco
{
    /// <summary>The version .ci/run installs; the tests' expectations were checked against it.</summary>
    public const string Version = "1.35.0";

    public const string InstallHint =
        "jco is not installed: npm install --prefix DIR @bytecodealliance/jco@" + Version +
        " and set KILN_JCO_NODE_MODULES=DIR/node_modules (.ci/run does this)";

    /// <summary>The node_modules folder holding @bytecodealliance/jco, whether or not it exists.</summary>
    public static string NodeModules =>
        Environment.GetEnvironmentVariable("KILN_JCO_NODE_MODULES") is { Length: > 0 } m ? m : "/work/tools/node_modules";

    /// <summary>The jco command line (a node script).</summary>
    public static string Executable => Path.Combine(NodeModules, ".bin", "jco");

    /// <summary>jco's own folder, holding <c>lib/wasi_snapshot_preview1.{command,reactor}.wasm</c>.</summary>
    public static string PackageDirectory => Path.Combine(NodeModules, "@bytecodealliance", "jco");

    public static bool IsInstalled => File.Exists(Executable);

    /// <summary>The path of jco's bundled preview1 adapter of the given flavor ("command" or "reactor").</summary>
    public static string Preview1Adapter(string flavor) =>
        Path.Combine(PackageDirectory, "lib", $"wasi_snapshot_preview1.{flavor}.wasm");
}
