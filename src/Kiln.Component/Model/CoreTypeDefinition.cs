using Kiln.Wasm.Model;

namespace Kiln.Component.Model;

/// <summary>A core type defined at the component level (Binary.md <c>core:type</c>): a core function
/// type, a GC <c>sub</c> type over a function type, or a core module type. (Other Wasm 3.0 GC forms:
/// rec groups, struct and array types, are decoded as unsupported for now.)</summary>
public abstract record CoreTypeDefinition : ComponentItem;

public sealed record CoreFuncTypeDefinition(FuncType Type) : CoreTypeDefinition;

/// <summary><c>(sub final? x* (func ...))</c>: a Wasm 3.0 subtype whose composite type is a function type.
/// Binary: <c>0x4f x* ft</c> when final; when not final <c>0x50 x* ft</c>, which a component's own core type
/// section must prefix with <c>0x00</c> because bare <c>0x50</c> there is a module type (Binary.md).</summary>
public sealed record CoreSubTypeDefinition(bool IsFinal, IReadOnlyList<uint> Supertypes, FuncType Type) : CoreTypeDefinition;

/// <summary><c>(module decl*)</c>: the type of a core module, validated with a fresh type index space.</summary>
public sealed record CoreModuleTypeDefinition(IReadOnlyList<ModuleTypeDeclaration> Declarations) : CoreTypeDefinition;

/// <summary>A declarator inside a core module type (Binary.md <c>core:moduledecl</c>).</summary>
public abstract record ModuleTypeDeclaration : ComponentItem;

/// <summary><c>(import "module" "name" desc)</c> (<c>0x00</c>).</summary>
public sealed record ModuleImportDeclaration(string Module, string Name, CoreExternType Type) : ModuleTypeDeclaration;

/// <summary>A core type inside the module type (<c>0x01</c>); module types may not nest.</summary>
public sealed record ModuleTypeDefinitionDeclaration(CoreTypeDefinition Type) : ModuleTypeDeclaration;

/// <summary><c>(alias outer ct idx (type))</c> (<c>0x02</c>, encoded <c>0x10 0x01 ct idx</c>).</summary>
public sealed record ModuleOuterAliasDeclaration(uint Count, uint Index) : ModuleTypeDeclaration;

/// <summary><c>(export "name" desc)</c> (<c>0x03</c>).</summary>
public sealed record ModuleExportDeclaration(string Name, CoreExternType Type) : ModuleTypeDeclaration;

/// <summary>A core extern type (the descriptor of a core import or export). Exactly one descriptor is
/// meaningful, chosen by <see cref="Kind"/>; <see cref="TypeIndex"/> serves functions and tags.</summary>
public readonly record struct CoreExternType(CoreSort Kind)
{
    public uint TypeIndex { get; init; }
    public TableType Table { get; init; }
    public MemoryType Memory { get; init; }
    public GlobalType Global { get; init; }
}
