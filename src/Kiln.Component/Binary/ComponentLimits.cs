namespace Kiln.Component.Binary;

/// <summary>Size limits the binary reader enforces, with wasmparser's values and descriptions
/// (its errors read "{description} size is out of bounds"). They bound what a hostile count can make
/// the decoder do, beside the check of every count against the bytes that remain.</summary>
internal static class ComponentLimits
{
    public const int MaxStringSize = 100_000;
    public const int ModuleTypeDecls = 100_000;
    public const int ComponentTypeDecls = 1_000_000;
    public const int InstanceTypeDecls = 1_000_000;
    public const int FunctionParams = 1000;
    public const int FunctionReturns = 1000;
    public const int RecordFields = 10_000;
    public const int VariantCases = 10_000;
    public const int TupleTypes = 10_000;
    public const int FlagNames = 1000;
    public const int EnumCases = 10_000;
    public const int InstantiationArgs = 100_000;
    public const int InstantiationExports = 100_000;
    public const int CanonicalOptions = 10;
    public const int StartArgs = 1000;
    public const int Supertypes = 1;

    /// <summary>Nested components and nested component/instance types together. wasmparser's validator stops
    /// type nesting at 100; the reader stops at this depth so a hostile nesting cannot exhaust the stack.</summary>
    public const int MaxNesting = 200;
}
