namespace Kiln.Runtime;

/// <summary>Why an import could not be resolved.</summary>
public enum LinkErrorKind
{
    /// <summary>Nothing is defined under the import's module and name.</summary>
    UnknownImport,

    /// <summary>Something is defined, but its kind or type does not match the import.</summary>
    IncompatibleImportType,
}
