using System.Text;
using Kiln.Component.Model;
using Kiln.Component.Validation.Types;
using Kiln.Runtime.Components.Abi;

namespace Kiln.Runtime.Components.Wave;

/// <summary>A value type written as in WIT (<c>list&lt;u8&gt;</c>, <c>result&lt;string, u32&gt;</c>, <c>record { a: u32 }</c>), for
/// messages that say what a function takes.</summary>
internal static class WitTypeText
{
    public static string Of(TypeArena types, ResolvedValType t)
    {
        var sb = new StringBuilder();
        Write(sb, types, t, 0);
        return sb.ToString();
    }

    public static string Of(TypeArena types, FuncTypeData f)
    {
        var sb = new StringBuilder("func(");
        for (int i = 0; i < f.ParamTypes.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(f.ParamNames[i]).Append(": ");
            Write(sb, types, f.ParamTypes[i], 0);
        }
        sb.Append(')');
        if (f.Result is { } r) { sb.Append(" -> "); Write(sb, types, r, 0); }
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, TypeArena types, ResolvedValType t, int depth)
    {
        var (kind, prim, d) = CanonicalAbi.Shape(types, t);
        if (depth > 8) { sb.Append("..."); return; }
        switch (kind)
        {
            case DefinedKind.Primitive: sb.Append(prim.ToText()); break;
            case DefinedKind.List or DefinedKind.Option:
                sb.Append(kind == DefinedKind.List ? "list<" : "option<");
                Write(sb, types, d!.Types[0]!.Value, depth + 1);
                sb.Append('>');
                break;
            case DefinedKind.FixedList:
                sb.Append("list<");
                Write(sb, types, d!.Types[0]!.Value, depth + 1);
                sb.Append(", ").Append(d.Length).Append('>');
                break;
            case DefinedKind.Map:
                sb.Append("map<");
                Write(sb, types, d!.Types[0]!.Value, depth + 1);
                sb.Append(", ");
                Write(sb, types, d.Types[1]!.Value, depth + 1);
                sb.Append('>');
                break;
            case DefinedKind.Tuple:
                sb.Append("tuple<");
                for (int i = 0; i < d!.Types.Length; i++) { if (i > 0) sb.Append(", "); Write(sb, types, d.Types[i]!.Value, depth + 1); }
                sb.Append('>');
                break;
            case DefinedKind.Result:
                sb.Append("result");
                if (d!.Types[0] is null && d.Types[1] is null) break;
                sb.Append('<');
                if (d.Types[0] is { } ok) Write(sb, types, ok, depth + 1); else sb.Append('_');
                if (d.Types[1] is { } err) { sb.Append(", "); Write(sb, types, err, depth + 1); }
                sb.Append('>');
                break;
            case DefinedKind.Record or DefinedKind.Variant or DefinedKind.Enum or DefinedKind.Flags:
                sb.Append(d!.Describe()).Append(" { ");
                for (int i = 0; i < d.Names.Length; i++)
                {
                    if (i > 0) sb.Append(", ");
                    sb.Append(d.Names[i]);
                    if (kind is DefinedKind.Record or DefinedKind.Variant && i < d.Types.Length && d.Types[i] is { } ct)
                    {
                        sb.Append(kind == DefinedKind.Record ? ": " : "(");
                        Write(sb, types, ct, depth + 1);
                        if (kind == DefinedKind.Variant) sb.Append(')');
                    }
                }
                sb.Append(" }");
                break;
            default: sb.Append(d!.Describe()); break;
        }
    }
}
