using System.Text;
using Kiln.Component.Model;
using Kiln.Wasm.Text;

namespace Kiln.Component.Text.Wast;

public enum ComponentWastModuleKind : byte
{
    /// <summary>A text component, parsed when the script was read.</summary>
    Text,
    /// <summary><c>(component binary "…")</c>: bytes for the binary decoder.</summary>
    Binary,
    /// <summary><c>(component quote "…")</c>: text parsed on demand, since it may be malformed on purpose.</summary>
    Quote,
}

/// <summary>A component written in a script, in one of three forms; see <see cref="GetComponent"/>.</summary>
public sealed class ComponentWastModule
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public required ComponentWastModuleKind Kind { get; init; }

    /// <summary>The script's <c>$name</c> for it, with the <c>$</c>, or null.</summary>
    public string? Name { get; init; }
    public int Line { get; init; }
    public int Column { get; init; }

    /// <summary>The parsed component (text form); null when it failed to parse (then <see cref="TextError"/>).</summary>
    public WasmComponent? Component { get; init; }
    public WatParseException? TextError { get; init; }

    /// <summary>The form's source text as written in the script.</summary>
    public string? SourceText { get; init; }

    public byte[]? Binary { get; init; }

    /// <summary>The quoted strings, raw (they need not be UTF-8).</summary>
    public byte[]? QuoteBytes { get; init; }

    /// <summary>
    /// The component in any form: text as parsed, quote parsed now (wasm-tools' convention: the strings joined
    /// with spaces inside <c>(component …)</c>), binary through <paramref name="decodeBinary"/> (the decoder is
    /// another part of this library; the caller chooses). Errors propagate from the parser or the decoder.
    /// </summary>
    public WasmComponent GetComponent(Func<byte[], WasmComponent> decodeBinary) => Kind switch
    {
        ComponentWastModuleKind.Text => Component ?? throw TextError!,
        ComponentWastModuleKind.Binary => decodeBinary(Binary!),
        _ => ParseQuote(),
    };

    /// <summary>The text a quoted component stands for.</summary>
    public string QuoteText()
    {
        try
        {
            return "(component" + StrictUtf8.GetString(QuoteBytes!) + ")";
        }
        catch (DecoderFallbackException)
        {
            throw new WatParseException("malformed UTF-8 encoding", Line, Column);
        }
    }

    public WasmComponent ParseQuote() => ComponentTextParser.Parse(QuoteText());
}
