using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text;
using Kiln.Wasm.Validation;

namespace Kiln.Cli;

/// <summary>Reads a module file in either format, decided by content (the binary magic), not by extension.</summary>
public static class ModuleInput
{
    public readonly record struct Loaded(WasmModule? Module, string? Error, int Size);

    /// <summary>The file's bytes; a directory, a missing file or an unreadable one is a <see cref="CliException"/>
    /// in kiln's words (not .NET's "Could not find file", nor "Access to the path is denied" for a directory).</summary>
    public static byte[] ReadFile(string path)
    {
        if (Directory.Exists(path)) throw new CliException($"{path}: is a directory, not a module file");
        if (!File.Exists(path)) throw new CliException($"{path}: no such file");
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(e is UnauthorizedAccessException ? $"{path}: permission denied" : $"{path}: cannot read: {e.Message}");
        }
    }

    /// <summary>What commands that take core modules (objdump, bench, …) say of a component.</summary>
    public const string ComponentRefusal =
        "a component (binary version 0x0d, layer 1), not a core module: this command takes core modules; components run under 'kiln wast' and the embedding API";

    public static bool IsBinary(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 4 && bytes[0] == 0 && bytes[1] == (byte)'a' && bytes[2] == (byte)'s' && bytes[3] == (byte)'m';

    /// <summary>Decodes or parses a module; errors come back as text saying where.</summary>
    public static Loaded TryLoad(string path) => TryLoad(ReadFile(path));

    /// <summary>Decodes or parses a module already read; errors come back as text saying where.</summary>
    public static Loaded TryLoad(byte[] bytes)
    {
        try
        {
            if (Kiln.Component.Binary.WasmBinary.IsComponent(bytes)) return new(null, ComponentRefusal, bytes.Length);
            if (IsBinary(bytes)) return new(ModuleDecoder.Decode(bytes), null, bytes.Length);
            string text = new System.Text.UTF8Encoding(false, true).GetString(bytes);
            // The text grammar allows a module with no fields, but an empty file is a mistake, not a module.
            if (string.IsNullOrWhiteSpace(text)) return new(null, "empty file: neither a wasm binary nor a text module", bytes.Length);
            // Through the binary form, so backtraces and objdump carry the offsets `kiln wat2wasm` would give.
            var encoded = ModuleEncoder.Encode(WatParser.ParseModule(text));
            return new(ModuleDecoder.Decode(encoded), null, bytes.Length);
        }
        catch (WasmDecodeException e)
        {
            return new(null, $"malformed: {e.Message}", bytes.Length);
        }
        catch (WatParseException e)
        {
            return new(null, $"{e.Line}:{e.Column}: {e.Reason}", bytes.Length);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return new(null, "neither a wasm binary (no \\0asm header) nor UTF-8 text", bytes.Length);
        }
    }

    public static Loaded TryLoadAndValidate(string path) => TryLoadAndValidate(ReadFile(path));

    public static Loaded TryLoadAndValidate(byte[] bytes)
    {
        var loaded = TryLoad(bytes);
        if (loaded.Module is null) return loaded;
        try
        {
            ModuleValidator.Validate(loaded.Module);
            return loaded;
        }
        catch (WasmValidationException e)
        {
            return loaded with { Module = null, Error = $"invalid: {e.Message}" };
        }
        catch (ImplementationLimitException e)
        {
            return loaded with { Module = null, Error = $"refused: {e.Message}" };
        }
    }

    /// <summary>Loads and validates, or throws a <see cref="CliException"/> naming the file.</summary>
    public static WasmModule LoadValid(string path) => LoadValid(path, ReadFile(path));

    /// <summary>Loads and validates bytes read from <paramref name="path"/>, or throws a <see cref="CliException"/> naming it.</summary>
    public static WasmModule LoadValid(string path, byte[] bytes)
    {
        var r = TryLoadAndValidate(bytes);
        return r.Module ?? throw new CliException($"{path}: {r.Error}");
    }
}
