namespace Kiln.Component.Model;

/// <summary><c>(export "name" (sort i) externtype?)</c>: the optional type ascribes a supertype.</summary>
public sealed record ComponentExport(ExternName Name, SortIndex Item, ExternType? Type) : ComponentItem;
