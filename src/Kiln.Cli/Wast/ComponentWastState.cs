using Kiln.Runtime;

namespace Kiln.Cli.Wast;

/// <summary>The components one script has defined and instantiated, by name, and the latest instance (the target of
/// an <c>invoke</c> without a name). Component instances live in the file's store.</summary>
internal sealed class ComponentWastState(Engine engine)
{
    public ComponentLinker Linker { get; } = new(engine);
    public Dictionary<string, Kiln.Runtime.Component> Definitions { get; } = [];
    public Dictionary<string, ComponentInstance> Instances { get; } = [];
    public ComponentInstance? Current { get; set; }

    /// <summary>When the latest component did not load or instantiate: what became of it (an action on it without an
    /// instance name gets the same outcome: skipped for the same reason, or failed).</summary>
    public (bool Skipped, string Reason)? CurrentProblem { get; set; }

    /// <summary>Instances a call stopped midway at something not supported yet, with the reason.</summary>
    public Dictionary<ComponentInstance, string> Stopped { get; } = [];
}
