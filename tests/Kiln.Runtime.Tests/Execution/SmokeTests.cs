namespace Kiln.Runtime.Tests.Execution;

public sealed class SmokeTests
{
    [Fact]
    public void AddsTwoNumbers()
    {
        using var store = new Store(new Engine());
        var instance = Wat.Instantiate(store, """(module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))""");
        Assert.Equal(5, instance.GetFunc("add")!.Call(2, 3)[0].AsI32());
    }
}
