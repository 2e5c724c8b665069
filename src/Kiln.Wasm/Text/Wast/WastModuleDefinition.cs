using System.Text;
using Kiln.Wasm.Model;

namespace Kiln.Wasm.Text.Wast;

/// <summary>
/// A module written in a script, in one of three forms (<see cref="Kind"/>). Text modules are parsed
/// eagerly; binary ones keep their bytes for the binary decoder; quoted ones keep their source and
/// are parsed by <see cref="ParseQuote"/> (for <c>assert_malformed</c>, failing is the expected outcome).
/// </summary>
public sealed class WastModuleDefinition
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public required WastModuleKind Kind { get; init; }

    /// <summary>The <c>$name</c> the script gives the module, with the <c>$</c>, or null.</summary>
    public string? Name { get; init; }
    public int Line { get; init; }
    public int Column { get; init; }

    /// <summary>The parsed module, for <see cref="WastModuleKind.Text"/> (null if it failed to parse inside <c>assert_malformed</c>).</summary>
    public WasmModule? Module { get; init; }

    /// <summary>For a text module inside <c>assert_malformed</c> that did not parse: the error.</summary>
    public WatParseException? TextError { get; init; }

    /// <summary>The module's source text as written in the script (the whole <c>(module …)</c> form).</summary>
    public string? SourceText { get; init; }

    /// <summary>The module bytes, for <see cref="WastModuleKind.Binary"/>.</summary>
    public byte[]? Binary { get; init; }

    /// <summary>The concatenated quoted strings, for <see cref="WastModuleKind.Quote"/> (raw bytes: they may not even be UTF-8).</summary>
    public byte[]? QuoteBytes { get; init; }

    /// <summary>Parses a quoted module's text; throws <see cref="WatParseException"/> when malformed.</summary>
    public WasmModule ParseQuote()
    {
        if (Kind != WastModuleKind.Quote) throw new InvalidOperationException("not a quoted module");
        string text;
        try
        {
            text = StrictUtf8.GetString(QuoteBytes!);
        }
        catch (DecoderFallbackException)
        {
            throw new WatParseException("malformed UTF-8 encoding", Line, Column);
        }
        return WatParser.ParseModule(text);
    }

    /// <summary>The module in any form, binary decoded with <see cref="Kiln.Wasm.Binary.ModuleDecoder"/>. Throws
    /// <see cref="WatParseException"/> or <see cref="Kiln.Wasm.Binary.WasmDecodeException"/> when it is malformed.</summary>
    public WasmModule GetModule() => GetModule(static bytes => Kiln.Wasm.Binary.ModuleDecoder.Decode(bytes));

    /// <summary>The module in any form: text as parsed, quote parsed now, binary through <paramref name="decodeBinary"/>
    /// (the binary decoder lives in another layer). Errors propagate from the parser or the decoder.</summary>
    public WasmModule GetModule(Func<byte[], WasmModule> decodeBinary) => Kind switch
    {
        WastModuleKind.Text => Module ?? throw TextError!,
        WastModuleKind.Binary => decodeBinary(Binary!),
        _ => ParseQuote(),
    };
}
