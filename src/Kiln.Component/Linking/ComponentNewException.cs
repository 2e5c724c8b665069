namespace Kiln.Component.Linking;

/// <summary>Why <c>component embed</c>/<c>component new</c> could not build a component; tools and tests branch on
/// this, never on the message.</summary>
public enum ComponentNewErrorKind
{
    /// <summary>A module's <c>component-type</c> section (or the embedded world) cannot be read.</summary>
    BadMetadata,
    /// <summary>A core module (program or adapter) is malformed or has a shape <c>component new</c> cannot wire.</summary>
    BadModule,
    /// <summary>A core import names a module that is neither an interface of the world nor an adapter.</summary>
    UnknownInterface,
    /// <summary>A core import names a function (or resource intrinsic) its interface does not have.</summary>
    UnknownFunction,
    /// <summary>The program imports a function from an adapter that the adapter does not export.</summary>
    MissingAdapterExport,
    /// <summary>An adapter imports from <c>__main_module__</c> something the program does not export.</summary>
    MissingMainExport,
    /// <summary>A world export has no core function to lift (or its post-return/destructor is missing).</summary>
    MissingExport,
    /// <summary>A core function's signature differs from what the canonical ABI gives the world's function.</summary>
    TypeMismatch,
    /// <summary>A function needs the module's memory or <c>cabi_realloc</c> and the module has none.</summary>
    MissingMemoryOrRealloc,
    /// <summary>An adapter needs a stack of its own and no stack-pointer global can be identified.</summary>
    NoStackPointer,
    /// <summary>Two adapters (or an adapter and the world) claim the same name.</summary>
    Duplicate,
}

/// <summary>
/// A <c>component new</c>/<c>component embed</c> error naming the import or export that could not be wired and why.
/// </summary>
public sealed class ComponentNewException(ComponentNewErrorKind kind, string message, Exception? inner = null)
    : KilnException(message, inner)
{
    public ComponentNewErrorKind Kind { get; } = kind;
}
