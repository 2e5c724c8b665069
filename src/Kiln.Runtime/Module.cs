using Kiln.Compiler.VmContext;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text;
using Kiln.Wasm.Validation;

namespace Kiln.Runtime;

/// <summary>
/// A validated module ready to instantiate: the decoded module, its VMContext layout, the engine's canonical
/// id of each of its types, and (once the compiler driver provides it) its machine code. Immutable and
/// shareable between stores of the same engine.
/// </summary>
public sealed class Module : IDisposable
{
    private readonly uint[] typeIds;

    /// <summary>Validates <paramref name="module"/> and prepares it for <paramref name="engine"/>;
    /// <paramref name="code"/> is the compiled code, or null for a module that is only instantiated, never run.</summary>
    public Module(Engine engine, WasmModule module, ICompiledCode? code = null)
        : this(engine, module, code, compile: false)
    {
    }

    /// <summary>Decodes, validates and compiles a binary module (or WebAssembly text, when the bytes are not a
    /// binary module) for <paramref name="engine"/>.</summary>
    /// <exception cref="Kiln.Compiler.Driver.SimdNotSupportedException">The module uses SIMD.</exception>
    public Module(Engine engine, byte[] bytes)
        : this(engine, Parse(bytes), null, compile: true)
    {
    }

    private Module(Engine engine, WasmModule module, ICompiledCode? code, bool compile, Func<LoadedCode>? load = null,
        bool validated = false, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(module);
        engine.ThrowIfDisposed();
        module.CountImports();
        if (!validated)
            ModuleValidator.Validate(module);
        Engine = engine;
        Source = module;
        Layout = new VmContextLayout(module);
        if (compile || load is not null)
        {
            // An artifact's code is loaded only after the embedded module validated.
            var loaded = load is not null ? load() : Compilation.CompileAndLoad(engine, module, Layout, cancellation);
            ownedCode = loaded;
            code = loaded;
        }
        Code = code;
        typeIds = new uint[module.Types.Count];
        for (int i = 0; i < typeIds.Length; i++)
            typeIds[i] = engine.Types.Register(module.Types[i]);
        exports = [];
        foreach (var e in module.Exports)
            exports[e.Name] = e;
        if (code is not null)
        {
            for (uint i = 0; i < typeIds.Length; i++)
                engine.OfferHostTrampoline(typeIds[i], code.WasmToHostTrampoline(i));
            if (code.CodeMap is { } map)
            {
                engine.RegisterCode(map);
                if (ownedCode is not null)
                    ownedCode.RegisteredWith = engine;
            }
        }
    }

    private readonly LoadedCode? ownedCode;

    /// <summary>A module whose code was compiled (and possibly transformed, as the component model's always-trap
    /// functions are) by the caller; it owns the code and can be serialized.</summary>
    internal static Module FromCompiled(Engine engine, WasmModule module, Func<VmContextLayout, Kiln.Compiler.Driver.CompiledModule> compile) =>
        new(engine, module, null, compile: false, () => new LoadedCode(compile(new VmContextLayout(module))));

    /// <summary>Compiles a validated-or-not decoded module.</summary>
    public static Module Compile(Engine engine, WasmModule module) => new(engine, module, null, compile: true);

    /// <summary>
    /// Loads a module from a <c>kiln compile</c> artifact without recompiling: integrity, then compatibility
    /// (format and Kiln version, target, this machine's CPU features), then the code is copied into fresh pages,
    /// made read-execute and its trap table registered.
    /// </summary>
    /// <exception cref="Kiln.Compiler.Artifacts.ArtifactException">The artifact was refused; nothing was executed.</exception>
    public static Module FromArtifact(Engine engine, ReadOnlyMemory<byte> artifact, Kiln.Compiler.Artifacts.ArtifactLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        options = (options ?? Kiln.Compiler.Artifacts.ArtifactLoadOptions.Default) with
        {
            ConsumeFuel = engine.Config.ConsumeFuel,
            EpochInterruption = engine.Config.EpochInterruption,
        };
        var read = Kiln.Compiler.Artifacts.ArtifactReader.Read(artifact, options);
        // Not validated again: the compatibility record pins the Kiln build that compiled the module, which validated
        // it first, and the digest vouches that these are its bytes. Whoever could forge the digest could as well
        // forge the machine code, which no validation of the module would catch (that is --key's and kiln verify's job).
        return new Module(engine, read.Module, null, compile: false, () => new LoadedCode(read.Compiled), validated: true)
            { artifactCompatibility = read.Compatibility };
    }

    private Kiln.Compiler.Artifacts.EngineCompatibility? artifactCompatibility;

    /// <summary>Reads the artifact file at <paramref name="path"/>; see <see cref="FromArtifact(Engine, ReadOnlyMemory{byte}, Kiln.Compiler.Artifacts.ArtifactLoadOptions?)"/>.</summary>
    public static Module FromArtifact(Engine engine, string path, Kiln.Compiler.Artifacts.ArtifactLoadOptions? options = null) =>
        FromArtifact(engine, File.ReadAllBytes(path), options);

    /// <summary>Same as <see cref="FromArtifact(Engine, ReadOnlyMemory{byte}, Kiln.Compiler.Artifacts.ArtifactLoadOptions?)"/>.</summary>
    public static Module Deserialize(Engine engine, ReadOnlyMemory<byte> artifact) => FromArtifact(engine, artifact);

    /// <summary>Writes this module's code as an artifact (no recompilation), for <see cref="Deserialize"/> later.</summary>
    /// <exception cref="InvalidOperationException">The module was given its code from outside, or has been disposed.</exception>
    public byte[] Serialize() => Serialize(default);

    /// <summary>
    /// Writes this module's code as an artifact sealed with HMAC-SHA-256 under <paramref name="integrityKey"/> (plain
    /// SHA-256 when empty). Such an artifact loads only with the same key
    /// (<see cref="Kiln.Compiler.Artifacts.ArtifactLoadOptions.IntegrityKey"/>); the plain digest only detects corruption.
    /// </summary>
    public byte[] Serialize(ReadOnlySpan<byte> integrityKey)
    {
        var compiled = ownedCode?.Compiled ?? throw new InvalidOperationException("only modules compiled or loaded by Kiln can be serialized");
        var compatibility = artifactCompatibility ?? Kiln.Compiler.Artifacts.ArtifactWriter.Compatibility(compiled,
            Kiln.Compiler.Driver.ModuleCompilerOptions.Default with { Target = compiled.Target, Features = compiled.Target.NativeFeatures(),
                ConsumeFuel = Engine.Config.ConsumeFuel, EpochInterruption = Engine.Config.EpochInterruption });
        return Kiln.Compiler.Artifacts.ArtifactWriter.Write(Source, compiled, compatibility, integrityKey);
    }

    /// <summary>Reads, decodes (binary or text, by content), validates and compiles the module in <paramref name="path"/>.</summary>
    public static Module FromFile(Engine engine, string path) => new(engine, File.ReadAllBytes(path));

    /// <summary>
    /// Frees the machine code this module compiled itself. Its instances must not be used afterwards (a
    /// host function offered to the engine by this module must not be called either). Optional: code lives
    /// until then, so that funcrefs held anywhere stay callable.
    /// </summary>
    public void Dispose() => ownedCode?.Dispose();

    private static WasmModule Parse(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length >= 4 && bytes[0] == 0 && bytes[1] == (byte)'a' && bytes[2] == (byte)'s' && bytes[3] == (byte)'m')
            return ModuleDecoder.Decode(bytes);
        return WatParser.ParseModule(System.Text.Encoding.UTF8.GetString(bytes));
    }

    /// <summary>Parses WebAssembly text (a single module), validates and compiles it: the result runs. With
    /// <paramref name="code"/>, that code is used instead of compiling (hand-written code, tests).</summary>
    public static Module FromText(Engine engine, string wat, ICompiledCode? code = null) =>
        new(engine, WatParser.ParseModule(wat), code, compile: code is null);

    /// <summary>Decodes a binary module, validates and compiles it: the result runs. With <paramref name="code"/>,
    /// that code is used instead of compiling.</summary>
    public static Module FromBinary(Engine engine, ReadOnlyMemory<byte> wasm, ICompiledCode? code = null) =>
        new(engine, ModuleDecoder.Decode(wasm), code, compile: code is null);

    /// <summary>Same as <see cref="FromBinary"/>; the bytes may also be WebAssembly text (decided by the <c>\0asm</c> magic).</summary>
    public static Module FromBytes(Engine engine, byte[] bytes) => new(engine, bytes);

    /// <summary>As <see cref="FromBytes(Engine, byte[])"/>, with a token that stops the compilation (at its next checkpoint,
    /// with <see cref="OperationCanceledException"/>); the engine's <see cref="EngineConfig.CompileTimeout"/> and
    /// <see cref="EngineConfig.MaxCompileMemory"/> apply as well.</summary>
    public static Module FromBytes(Engine engine, byte[] bytes, CancellationToken cancellationToken) =>
        new(engine, Parse(bytes), null, compile: true, load: null, cancellation: cancellationToken);

    private readonly Dictionary<string, Export> exports;

    /// <summary>The engine the module was prepared for.</summary>
    public Engine Engine { get; }

    /// <summary>The decoded module.</summary>
    public WasmModule Source { get; }

    /// <summary>The module's VMContext layout (shared definition with the compiler).</summary>
    public VmContextLayout Layout { get; }

    /// <summary>The machine code, when compiled.</summary>
    public ICompiledCode? Code { get; }

    /// <summary>The module's imports, in order.</summary>
    public IReadOnlyList<Import> Imports => Source.Imports;

    /// <summary>The module's exports, in order.</summary>
    public IReadOnlyList<Export> Exports => Source.Exports;

    /// <summary>The export called <paramref name="name"/>, if any.</summary>
    public Export? GetExport(string name) => exports.GetValueOrDefault(name);

    /// <summary>The engine's canonical id of module type <paramref name="typeIndex"/>.</summary>
    public uint TypeId(uint typeIndex) => typeIds[typeIndex];

    internal ReadOnlySpan<uint> TypeIds => typeIds;

    /// <summary>The module's name from its name section, if any.</summary>
    public string? Name => Source.Names?.ModuleName;
}
