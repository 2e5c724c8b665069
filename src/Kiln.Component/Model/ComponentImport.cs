namespace Kiln.Component.Model;

/// <summary><c>(import "name" externtype)</c>.</summary>
public sealed record ComponentImport(ExternName Name, ExternType Type) : ComponentItem;
