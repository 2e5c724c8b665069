using System.Globalization;
using System.Text;

namespace Kiln.Reference;

/// <summary>
/// A component-model value as Wasmtime's dynamic API passes it (<c>wasmtime_component_val_t</c>), with value
/// equality (lists, records, tuples and flags compare element by element; floats by <see cref="double.Equals(double)"/>,
/// so NaN equals NaN) and a WAVE-like text form for messages.
/// </summary>
public abstract record ComponentValue
{
    private ComponentValue() { }

    public abstract ComponentValueKind Kind { get; }

    public sealed override string ToString()
    {
        var sb = new StringBuilder();
        Write(sb);
        return sb.ToString();
    }

    internal abstract void Write(StringBuilder sb);

    public sealed record Bool(bool Value) : ComponentValue
    {
        public override ComponentValueKind Kind => ComponentValueKind.Bool;
        internal override void Write(StringBuilder sb) => sb.Append(Value ? "true" : "false");
    }

    public sealed record S8(sbyte Value) : ComponentValue
    {
        public override ComponentValueKind Kind => ComponentValueKind.S8;
        internal override void Write(StringBuilder sb) => sb.Append(Value);
    }

    public sealed record U8(byte Value) : ComponentValue
    {
        public override ComponentValueKind Kind => ComponentValueKind.U8;
        internal override void Write(StringBuilder sb) => sb.Append(Value);
    }

    public sealed record S16(short Value) : ComponentValue
    {
        public override ComponentValueKind Kind => ComponentValueKind.S16;
        internal override void Write(StringBuilder sb) => sb.Append(Value);
    }

    public sealed record U16(ushort Value) : ComponentValue
    {
        public override ComponentValueKind Kind => ComponentValueKind.U16;
        internal override void Write(StringBuilder sb) => sb.Append(Value);
    }

    public sealed record S32(int Value) : ComponentValue
    {
        public override ComponentValueKind Kind => ComponentValueKind.S32;
        internal override void Write(StringBuilder sb) => sb.Append(Value);
    }

    public sealed record U32(uint Value) : ComponentValue
    {
        public override ComponentValueKind Kind => ComponentValueKind.U32;
        internal override void Write(StringBuilder sb) => sb.Append(Value);
    }

    public sealed record S64(long Value) : ComponentValue
    {
        public override ComponentValueKind Kind => ComponentValueKind.S64;
        internal override void Write(StringBuilder sb) => sb.Append(Value);
    }

    public sealed record U64(ulong Value) : ComponentValue
    {
        public override ComponentValueKind Kind => ComponentValueKind.U64;
        internal override void Write(StringBuilder sb) => sb.Append(Value);
    }

    public sealed record F32(float Value) : ComponentValue
    {
        public override ComponentValueKind Kind => ComponentValueKind.F32;
        internal override void Write(StringBuilder sb) => sb.Append(Value.ToString("R", CultureInfo.InvariantCulture));
    }

    public sealed record F64(double Value) : ComponentValue
    {
        public override ComponentValueKind Kind => ComponentValueKind.F64;
        internal override void Write(StringBuilder sb) => sb.Append(Value.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>A Unicode scalar value.</summary>
    public sealed record Char(Rune Value) : ComponentValue
    {
        public override ComponentValueKind Kind => ComponentValueKind.Char;
        internal override void Write(StringBuilder sb) => sb.Append('\'').Append(Value.ToString()).Append('\'');
    }

    public sealed record String(string Value) : ComponentValue
    {
        public override ComponentValueKind Kind => ComponentValueKind.String;
        internal override void Write(StringBuilder sb) => sb.Append('"').Append(Value).Append('"');
    }

    public sealed record List(IReadOnlyList<ComponentValue> Items) : ComponentValue
    {
        public List(params ComponentValue[] items) : this((IReadOnlyList<ComponentValue>)items) { }
        public override ComponentValueKind Kind => ComponentValueKind.List;
        public bool Equals(List? other) => other is not null && Items.SequenceEqual(other.Items);
        public override int GetHashCode() => Items.Count;
        internal override void Write(StringBuilder sb) => WriteAll(sb, "[", Items, "]");
    }

    public sealed record Record(IReadOnlyList<KeyValuePair<string, ComponentValue>> Fields) : ComponentValue
    {
        public Record(params (string Name, ComponentValue Value)[] fields)
            : this(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).ToList()) { }
        public override ComponentValueKind Kind => ComponentValueKind.Record;
        public bool Equals(Record? other) => other is not null && Fields.SequenceEqual(other.Fields);
        public override int GetHashCode() => Fields.Count;
        internal override void Write(StringBuilder sb)
        {
            sb.Append('{');
            for (int i = 0; i < Fields.Count; i++)
            {
                if (i > 0) sb.Append(", ");
                sb.Append(Fields[i].Key).Append(": ");
                Fields[i].Value.Write(sb);
            }
            sb.Append('}');
        }
    }

    public sealed record Tuple(IReadOnlyList<ComponentValue> Items) : ComponentValue
    {
        public Tuple(params ComponentValue[] items) : this((IReadOnlyList<ComponentValue>)items) { }
        public override ComponentValueKind Kind => ComponentValueKind.Tuple;
        public bool Equals(Tuple? other) => other is not null && Items.SequenceEqual(other.Items);
        public override int GetHashCode() => Items.Count;
        internal override void Write(StringBuilder sb) => WriteAll(sb, "(", Items, ")");
    }

    public sealed record Variant(string Case, ComponentValue? Payload = null) : ComponentValue
    {
        public override ComponentValueKind Kind => ComponentValueKind.Variant;
        internal override void Write(StringBuilder sb)
        {
            sb.Append(Case);
            if (Payload is null) return;
            sb.Append('(');
            Payload.Write(sb);
            sb.Append(')');
        }
    }

    public sealed record Enum(string Case) : ComponentValue
    {
        public override ComponentValueKind Kind => ComponentValueKind.Enum;
        internal override void Write(StringBuilder sb) => sb.Append(Case);
    }

    /// <summary><c>option&lt;T&gt;</c>: <see cref="Value"/> null is <c>none</c>.</summary>
    public sealed record Option(ComponentValue? Value) : ComponentValue
    {
        public override ComponentValueKind Kind => ComponentValueKind.Option;
        internal override void Write(StringBuilder sb)
        {
            if (Value is null) { sb.Append("none"); return; }
            sb.Append("some(");
            Value.Write(sb);
            sb.Append(')');
        }
    }

    /// <summary><c>result&lt;T, E&gt;</c>: <see cref="Payload"/> null when that side has no type.</summary>
    public sealed record Result(bool IsOk, ComponentValue? Payload = null) : ComponentValue
    {
        public override ComponentValueKind Kind => ComponentValueKind.Result;
        internal override void Write(StringBuilder sb)
        {
            sb.Append(IsOk ? "ok" : "err");
            if (Payload is null) return;
            sb.Append('(');
            Payload.Write(sb);
            sb.Append(')');
        }
    }

    /// <summary>The names of the flags that are set.</summary>
    public sealed record Flags(IReadOnlyList<string> Names) : ComponentValue
    {
        public Flags(params string[] names) : this((IReadOnlyList<string>)names) { }
        public override ComponentValueKind Kind => ComponentValueKind.Flags;
        public bool Equals(Flags? other) => other is not null && Names.SequenceEqual(other.Names);
        public override int GetHashCode() => Names.Count;
        internal override void Write(StringBuilder sb) => sb.Append('{').AppendJoin(", ", Names).Append('}');
    }

    private static void WriteAll(StringBuilder sb, string open, IReadOnlyList<ComponentValue> items, string close)
    {
        sb.Append(open);
        for (int i = 0; i < items.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            items[i].Write(sb);
        }
        sb.Append(close);
    }
}
