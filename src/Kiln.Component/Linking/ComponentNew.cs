using Kiln.Component.Binary;
using Kiln.Component.Model;

namespace Kiln.Component.Linking;

/// <summary>
/// <c>component new</c>: a core module carrying its world in <c>component-type</c> sections (see
/// <see cref="ComponentTypeMetadata"/>), plus adapter modules, becomes a component. The layout follows wit-component's:
/// imports per interface; the program and a shim module whose functions call through a table (for adapter
/// functions and for lowered imports whose options need a memory or realloc that only exists once the program or
/// adapter is instantiated); the program; each adapter (GC'd, given a stack of its own); the lowerings with options
/// and a fixup module filling the shim's table; the lifted exports. Errors are <see cref="ComponentNewException"/>s.
/// </summary>
public static class ComponentNew
{
    public static WasmComponent Build(ReadOnlySpan<byte> module, IReadOnlyList<AdapterInput> adapters) =>
        new ComponentNewBuilder(module.ToArray(), adapters).Build();

    public static byte[] BuildBinary(ReadOnlySpan<byte> module, IReadOnlyList<AdapterInput> adapters) =>
        ComponentEncoder.Encode(Build(module, adapters));
}
