using Kiln.Compiler.Component;
using Kiln.Runtime.Components;

namespace Kiln.Runtime;

/// <summary>An instantiated component: its exported functions by name (nested instances by path).</summary>
public sealed class ComponentInstance
{
    internal ComponentInstance(ComponentRuntime runtime) => Runtime = runtime;

    internal ComponentRuntime Runtime { get; }

    public Store Store => Runtime.Store;

    /// <summary>The names of the component's exports, in order.</summary>
    public IEnumerable<string> ExportNames => Runtime.Plan.Exports.Keys;

    /// <summary>The function exported as <paramref name="path"/>: a root export name, then export names through
    /// exported instances (<c>GetFunc("wasi:cli/run@0.2.0", "run")</c>); null when there is none.</summary>
    public ComponentFunc? GetFunc(params string[] path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0) throw new ArgumentException("a path names at least one export", nameof(path));
        var exports = Runtime.Plan.Exports;
        for (int i = 0; i < path.Length; i++)
        {
            if (!exports.TryGetValue(path[i], out var e)) return null;
            if (i == path.Length - 1) return e is FuncExport f ? new ComponentFunc(Runtime, f.Func, string.Join("/", path)) : null;
            if (e is not InstanceExport inst) return null;
            exports = inst.Exports;
        }
        return null;
    }

    /// <summary>Drops an owned resource the host took from this instance: runs its destructor, if it has one.</summary>
    public void DropResource(ResourceAny resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Type is GuestResourceType { Destructor: { } dtor }) dtor.Call(Value.I32((int)resource.Rep));
        else if (resource.Type is ResourceType { Drop: { } drop }) drop(resource.Rep);
    }
}
