using Kiln.Runtime;
using RuntimeModule = Kiln.Runtime.Module;

namespace Kiln.Cli.Wast;

/// <summary>What one script file has built: its store (with spectest), linker, modules and their names.
/// Disposing frees the store's memories and the modules' code.</summary>
internal sealed class FileState : IDisposable
{
    public FileState(Engine engine)
    {
        Store = new Store(engine);
        Linker = new Linker(engine) { AllowShadowing = true };
        SpecTestHost.Define(Linker, Store);
        Components = new ComponentWastState(engine);
    }

    public ComponentWastState Components { get; }

    public Store Store { get; }
    public Linker Linker { get; }
    public List<RuntimeModule> Modules { get; } = [];
    public Dictionary<string, WastModuleEntry> Named { get; } = [];
    public WastModuleEntry? Current { get; set; }

    public void Dispose()
    {
        Store.Dispose();
        foreach (var m in Modules) m.Dispose();
        Modules.Clear();
    }
}
