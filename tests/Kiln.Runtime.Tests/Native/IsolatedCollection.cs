namespace Kiln.Runtime.Tests.Native;

/// <summary>Tests that look at which addresses are registered code: run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IsolatedCollection
{
    public const string Name = "isolated code regions";
}
