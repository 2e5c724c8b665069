namespace Kiln.Component.Model;

/// <summary>A declarator inside a component or instance type (Binary.md <c>componentdecl</c>/<c>instancedecl</c>).</summary>
public abstract record TypeDeclaration : ComponentItem;

/// <summary>A core type declared inside the type (<c>instancedecl 0x00</c>).</summary>
public sealed record CoreTypeDeclaration(CoreTypeDefinition Type) : TypeDeclaration;

/// <summary>A type declared inside the type (<c>instancedecl 0x01</c>).</summary>
public sealed record TypeDefinitionDeclaration(TypeDefinition Type) : TypeDeclaration;

/// <summary>An alias declarator (<c>instancedecl 0x02</c>): only export aliases of instance/type sorts and outer aliases of core type/type sorts validate.</summary>
public sealed record AliasDeclaration(Alias Alias) : TypeDeclaration;

/// <summary><c>(import "name" externtype)</c>: only inside component types (<c>componentdecl 0x03</c>).</summary>
public sealed record ImportDeclaration(ExternName Name, ExternType Type) : TypeDeclaration;

/// <summary><c>(export "name" externtype)</c> (<c>instancedecl 0x04</c>).</summary>
public sealed record ExportDeclaration(ExternName Name, ExternType Type) : TypeDeclaration;
