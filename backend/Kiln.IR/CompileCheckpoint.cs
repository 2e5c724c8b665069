namespace Kiln.IR;

/// <summary>
/// Points inside the mid-end and the backend where a compilation under a budget may be stopped. The driver installs a
/// hook on the compiling thread (<see cref="Install"/>); passes, lowering and register allocation call
/// <see cref="Reach"/> between units of work linear in the function's size, so the work between two checks is bounded
/// and a compilation over its time or memory budget stops soon after crossing it. Thread-static, so the phases need
/// no budget parameter and a thread without a hook pays one field read per check.
/// </summary>
public static class CompileCheckpoint
{
    [ThreadStatic] private static Action? t_hook;

    /// <summary>Runs the installed hook, if any; it throws to stop the compilation.</summary>
    public static void Reach() => t_hook?.Invoke();

    /// <summary>Installs <paramref name="hook"/> on this thread until the result is disposed (the previous hook is restored).</summary>
    public static Scope Install(Action hook) => new(hook);

    /// <summary>An installed hook; disposing restores the one before.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly Action? _previous;

        internal Scope(Action hook)
        {
            _previous = t_hook;
            t_hook = hook;
        }

        public void Dispose() => t_hook = _previous;
    }
}
