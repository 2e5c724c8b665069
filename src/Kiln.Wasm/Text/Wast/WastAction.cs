namespace Kiln.Wasm.Text.Wast;

public enum WastActionKind : byte
{
    Invoke,
    Get,
}

/// <summary><c>(invoke $module? "export" arg*)</c> or <c>(get $module? "global")</c>; a null
/// <see cref="ModuleName"/> means the most recently defined module.</summary>
public sealed record WastAction(WastActionKind Kind, string? ModuleName, string ExportName, WastValue[] Args, int Line, int Column);
