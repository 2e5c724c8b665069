using Kiln.Compiler.Component;

namespace Kiln.Runtime.Components;

// Always-trap functions: exports of one instance of the component's compiled always-trap module (AlwaysTrapModule).
internal sealed partial class ComponentRuntime
{
    private Instance? _alwaysTraps;

    private Func AlwaysTrap(AlwaysTrapDef a)
    {
        var module = Component.AlwaysTrapCode ?? throw new InvalidOperationException("the plan has always-trap functions but no always-trap module");
        _alwaysTraps ??= Instance.Create(Store, module, []);
        return _alwaysTraps.GetFunc(AlwaysTrapModule.ExportName(a.Signature))
            ?? throw new InvalidOperationException($"the always-trap module has no function for {a.Signature}");
    }
}
