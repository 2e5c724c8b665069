namespace Kiln.Component.Text.Wast;

/// <summary>A component directive of a script (parsed from a captured <c>WastComponentCommand</c>).</summary>
public abstract class ComponentWastDirective
{
    /// <summary>The directive's keyword as written (<c>component</c>, <c>assert_invalid</c>, <c>invoke</c>, …).</summary>
    public required string Keyword { get; init; }
    public int Line { get; init; }
    public int Column { get; init; }
}

/// <summary><c>(component …)</c> (defined and instantiated) or <c>(component definition …)</c> (defined only).</summary>
public sealed class ComponentWastDefine : ComponentWastDirective
{
    public required ComponentWastModule Component { get; init; }
    public bool IsDefinitionOnly { get; init; }
}

/// <summary><c>(component instance $instance $definition)</c>.</summary>
public sealed class ComponentWastInstance : ComponentWastDirective
{
    public string? InstanceName { get; init; }
    public required string DefinitionName { get; init; }
}

/// <summary><c>(assert_malformed|assert_invalid|assert_unlinkable|assert_uninstantiable|assert_trap (component …) "msg")</c>.</summary>
public sealed class ComponentWastAssertModule : ComponentWastDirective
{
    public required ComponentWastModule Component { get; init; }
    public required string Message { get; init; }
}

/// <summary><c>(invoke $instance? "name" value*)</c> or <c>(get $instance? "name")</c> on a component instance.</summary>
public sealed record ComponentWastAction(bool IsGet, string? InstanceName, string ExportName, IReadOnlyList<ComponentWastValue> Args);

/// <summary>A bare action, <c>assert_return</c> (with <see cref="Expected"/>), <c>assert_trap</c> or <c>assert_exhaustion</c> (with <see cref="Message"/>).</summary>
public sealed class ComponentWastActionDirective : ComponentWastDirective
{
    public required ComponentWastAction Action { get; init; }
    public IReadOnlyList<ComponentWastValue> Expected { get; init; } = [];
    public string? Message { get; init; }
}

/// <summary><c>(register "name" $instance?)</c> of a component instance.</summary>
public sealed class ComponentWastRegister : ComponentWastDirective
{
    public required string As { get; init; }
    public string? InstanceName { get; init; }
}
