using Kiln.Component.Model;
using Kiln.Wasm.Text.Lexing;

namespace Kiln.Component.Text.Parsing;

/// <summary>The scope of a component type's or instance type's declarators; synthesized types and aliases become declarators.</summary>
internal sealed class TypeDeclScope(string? id, bool isComponentType) : ComponentScope(id)
{
    public bool IsComponentType { get; } = isComponentType;

    public List<TypeDeclaration> Declarations { get; } = [];

    public override void AddType(TypeDefinition type, Token at) => Declarations.Add(new TypeDefinitionDeclaration(type));

    public override void AddCoreType(CoreTypeDefinition type, Token at) => Declarations.Add(new CoreTypeDeclaration(type));

    public override void AddAlias(Alias alias, Token at) => Declarations.Add(new AliasDeclaration(alias));
}

/// <summary>The scope of a core module type's declarators: only core types live here.</summary>
internal sealed class ModuleTypeScope(string? id) : ComponentScope(id)
{
    public List<ModuleTypeDeclaration> Declarations { get; } = [];

    public override void AddType(TypeDefinition type, Token at) => throw NotHere(at, "a component type");

    public override void AddCoreType(CoreTypeDefinition type, Token at) => Declarations.Add(new ModuleTypeDefinitionDeclaration(type));

    public override void AddAlias(Alias alias, Token at)
    {
        if (alias.Target != AliasTarget.Outer || alias.Sort != Sort.OfCore(CoreSort.Type)) throw NotHere(at, "this alias");
        Declarations.Add(new ModuleOuterAliasDeclaration(alias.Count, alias.Index));
    }
}
