using System.Globalization;
using System.Text;

namespace Kiln.Runtime;

/// <summary>
/// A component-model value: what a <see cref="ComponentFunc"/> takes and returns and what a dynamic host function
/// receives. Immutable. Scalars keep their bits (<see cref="Bits"/>: integers sign- or zero-extended, floats as IEEE
/// bits, <c>char</c> as its Unicode scalar value); strings, enum cases and variant case labels are <see cref="Text"/>;
/// lists, tuples, fixed-size lists and record fields are <see cref="Items"/> (record field names and set flags in
/// <see cref="Names"/>); an option, result or variant has at most one <see cref="Payload"/>; a map's (key, value)
/// pairs are <see cref="Entries"/>, in the order given (the ABI allows duplicate keys and keeps the order).
/// Equality is structural (floats by bits).
/// </summary>
public sealed class Val : IEquatable<Val>
{
    private Val(ValKind kind) => Kind = kind;

    public ValKind Kind { get; }
    public ulong Bits { get; private init; }
    public string? Text { get; private init; }
    public IReadOnlyList<Val> Items { get; private init; } = [];
    public IReadOnlyList<string> Names { get; private init; } = [];
    public Val? Payload { get; private init; }
    /// <summary>For a result: ok; for an option: some.</summary>
    public bool IsOk { get; private init; }
    public ResourceAny? Resource { get; private init; }
    /// <summary>A map's (key, value) pairs, in order; empty for every other kind.</summary>
    public IReadOnlyList<KeyValuePair<Val, Val>> Entries { get; private init; } = [];

    public static Val Bool(bool b) => new(ValKind.Bool) { Bits = b ? 1UL : 0 };
    public static Val S8(sbyte v) => new(ValKind.S8) { Bits = (ulong)(long)v };
    public static Val U8(byte v) => new(ValKind.U8) { Bits = v };
    public static Val S16(short v) => new(ValKind.S16) { Bits = (ulong)(long)v };
    public static Val U16(ushort v) => new(ValKind.U16) { Bits = v };
    public static Val S32(int v) => new(ValKind.S32) { Bits = (ulong)(long)v };
    public static Val U32(uint v) => new(ValKind.U32) { Bits = v };
    public static Val S64(long v) => new(ValKind.S64) { Bits = (ulong)v };
    public static Val U64(ulong v) => new(ValKind.U64) { Bits = v };
    public static Val F32(float v) => F32Bits(BitConverter.SingleToUInt32Bits(v));
    public static Val F32Bits(uint bits) => new(ValKind.F32) { Bits = bits };
    public static Val F64(double v) => F64Bits(BitConverter.DoubleToUInt64Bits(v));
    public static Val F64Bits(ulong bits) => new(ValKind.F64) { Bits = bits };

    /// <summary>A <c>char</c>; throws for a surrogate or a value above U+10FFFF (not a Unicode scalar value).</summary>
    public static Val Char(int scalar) =>
        scalar is < 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF)
            ? throw new ArgumentOutOfRangeException(nameof(scalar), $"U+{scalar:X} is not a Unicode scalar value")
            : new(ValKind.Char) { Bits = (ulong)scalar };

    public static Val String(string s) => new(ValKind.String) { Text = s ?? throw new ArgumentNullException(nameof(s)) };
    public static Val List(params Val[] items) => new(ValKind.List) { Items = items };
    public static Val List(IReadOnlyList<Val> items) => new(ValKind.List) { Items = items };
    /// <summary>A <c>map&lt;K, V&gt;</c> of <paramref name="entries"/>, kept in order (duplicate keys are not merged).</summary>
    public static Val Map(params (Val Key, Val Value)[] entries) => new(ValKind.Map)
    {
        Entries = [.. entries.Select(e => KeyValuePair.Create(e.Key, e.Value))],
    };

    public static Val Map(IReadOnlyList<KeyValuePair<Val, Val>> entries) => new(ValKind.Map) { Entries = entries };
    public static Val Tuple(params Val[] items) => new(ValKind.Tuple) { Items = items };

    public static Val Record(params (string Name, Val Value)[] fields) => new(ValKind.Record)
    {
        Names = [.. fields.Select(f => f.Name)],
        Items = [.. fields.Select(f => f.Value)],
    };

    public static Val Variant(string label, Val? payload = null) => new(ValKind.Variant) { Text = label, Payload = payload };
    public static Val Enum(string label) => new(ValKind.Enum) { Text = label };
    public static Val Some(Val payload) => new(ValKind.Option) { IsOk = true, Payload = payload };
    public static Val None() => new(ValKind.Option);
    public static Val Ok(Val? payload = null) => new(ValKind.Result) { IsOk = true, Payload = payload };
    public static Val Err(Val? payload = null) => new(ValKind.Result) { Payload = payload };
    public static Val Flags(params string[] set) => new(ValKind.Flags) { Names = set };
    public static Val Own(ResourceAny r) => new(ValKind.Own) { Resource = r };
    public static Val Borrow(ResourceAny r) => new(ValKind.Borrow) { Resource = r };

    public bool AsBool() => Expect(ValKind.Bool).Bits != 0;
    public uint AsU32() => (uint)Expect(ValKind.U32).Bits;
    public int AsS32() => (int)Expect(ValKind.S32).Bits;
    public ulong AsU64() => Expect(ValKind.U64).Bits;
    public long AsS64() => (long)Expect(ValKind.S64).Bits;
    public float AsF32() => BitConverter.UInt32BitsToSingle((uint)Expect(ValKind.F32).Bits);
    public double AsF64() => BitConverter.UInt64BitsToDouble(Expect(ValKind.F64).Bits);
    public string AsString() => Expect(ValKind.String).Text!;
    public IReadOnlyList<KeyValuePair<Val, Val>> AsMap() => Expect(ValKind.Map).Entries;

    private Val Expect(ValKind kind) =>
        Kind == kind ? this : throw new InvalidCastException($"the value is {Kind.ToString().ToLowerInvariant()}, not {kind.ToString().ToLowerInvariant()}");

    public bool Equals(Val? other)
    {
        if (other is null || other.Kind != Kind || other.Bits != Bits || other.Text != Text || other.IsOk != IsOk) return false;
        if (other.Items.Count != Items.Count || other.Names.Count != Names.Count || other.Entries.Count != Entries.Count) return false;
        for (int i = 0; i < Items.Count; i++) if (!Items[i].Equals(other.Items[i])) return false;
        for (int i = 0; i < Entries.Count; i++)
            if (!Entries[i].Key.Equals(other.Entries[i].Key) || !Entries[i].Value.Equals(other.Entries[i].Value)) return false;
        if (Kind == ValKind.Flags)
        {
            if (!new HashSet<string>(Names).SetEquals(other.Names)) return false;
        }
        else
        {
            for (int i = 0; i < Names.Count; i++) if (Names[i] != other.Names[i]) return false;
        }
        if ((Payload is null) != (other.Payload is null) || (Payload is not null && !Payload.Equals(other.Payload))) return false;
        return Equals(Resource, other.Resource);
    }

    public override bool Equals(object? obj) => obj is Val v && Equals(v);
    public override int GetHashCode() => HashCode.Combine(Kind, Bits, Text, Items.Count, Entries.Count);

    public override string ToString()
    {
        var sb = new StringBuilder();
        Write(sb);
        return sb.ToString();
    }

    private void Write(StringBuilder sb)
    {
        var ci = CultureInfo.InvariantCulture;
        switch (Kind)
        {
            case ValKind.Bool: sb.Append(Bits != 0 ? "true" : "false"); break;
            case ValKind.S8 or ValKind.S16 or ValKind.S32 or ValKind.S64: sb.Append(((long)Bits).ToString(ci)); break;
            case ValKind.U8 or ValKind.U16 or ValKind.U32 or ValKind.U64: sb.Append(Bits.ToString(ci)); break;
            case ValKind.F32: sb.Append(BitConverter.UInt32BitsToSingle((uint)Bits).ToString("R", ci)); break;
            case ValKind.F64: sb.Append(BitConverter.UInt64BitsToDouble(Bits).ToString("R", ci)); break;
            case ValKind.Char: sb.Append('\'').Append(char.ConvertFromUtf32((int)Bits)).Append('\''); break;
            case ValKind.String: sb.Append('"').Append(Text).Append('"'); break;
            case ValKind.Enum: sb.Append(Text); break;
            case ValKind.List or ValKind.Tuple:
                sb.Append(Kind == ValKind.List ? '[' : '(');
                for (int i = 0; i < Items.Count; i++) { if (i > 0) sb.Append(", "); Items[i].Write(sb); }
                sb.Append(Kind == ValKind.List ? ']' : ')');
                break;
            case ValKind.Map:
                // As WAVE writes it (wasm-wave has no map syntax yet): a list of (key, value) tuples.
                sb.Append('[');
                for (int i = 0; i < Entries.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    sb.Append('(');
                    Entries[i].Key.Write(sb);
                    sb.Append(", ");
                    Entries[i].Value.Write(sb);
                    sb.Append(')');
                }
                sb.Append(']');
                break;
            case ValKind.Record:
                sb.Append('{');
                for (int i = 0; i < Items.Count; i++) { if (i > 0) sb.Append(", "); sb.Append(Names[i]).Append(": "); Items[i].Write(sb); }
                sb.Append('}');
                break;
            case ValKind.Flags: sb.Append('{').Append(string.Join(", ", Names)).Append('}'); break;
            case ValKind.Variant or ValKind.Option or ValKind.Result:
                string label = Kind == ValKind.Variant ? Text! : Kind == ValKind.Option ? (IsOk ? "some" : "none") : (IsOk ? "ok" : "err");
                sb.Append(label);
                if (Payload is not null) { sb.Append('('); Payload.Write(sb); sb.Append(')'); }
                break;
            default: sb.Append(Kind == ValKind.Own ? "own" : "borrow").Append('<').Append(Resource).Append('>'); break;
        }
    }
}
