using Kiln.Compiler.Artifacts;
using Kiln.Compiler.Artifacts.Elf;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln settings</c>: what <c>kiln compile</c> with the same options would record in an artifact's
/// engine-compatibility record, and what this machine offers (as <c>wasmtime settings</c>).</summary>
public sealed class SettingsCommand : ICommand
{
    public string Name => "settings";
    public string Summary => "print the target, CPU features and settings an artifact would record";
    public string Help => """
        usage: kiln settings [--cpu native|baseline] [-W consume-fuel|epoch-interruption]

        Prints, one 'name: value' per line, the engine-compatibility record 'kiln compile' would write
        with the same options: artifact format, Kiln version, target, CPU features, settings. A loader
        refuses an artifact whose record does not match it (see 'kiln run ARTIFACT').

        options:
        """ + "\n" + CpuOption.Help + """
          -W KEY              consume-fuel, epoch-interruption (as kiln compile)
          -h, --help          show this help

        """;

    public int Run(IReadOnlyList<string> args)
    {
        var cl = new CommandLine(args, [], ["--cpu", "-W"]);
        if (cl.Positionals.Count > 0) throw new UsageException($"unexpected '{cl.Positionals[0]}'");
        var groups = OptionGroups.Parse(cl.Values("-W"), []);
        var isa = Kiln.Compiler.Driver.Targets.Host;
        var features = CpuOption.Parse(isa, cl.Value("--cpu"));
        var options = Kiln.Compiler.Driver.ModuleCompilerOptions.Default with
        {
            Target = isa,
            Features = features,
            ConsumeFuel = groups.ConsumeFuel,
            EpochInterruption = groups.EpochInterruption,
        };
        var o = Console.Out;
        o.WriteLine($"target: {ArtifactTarget.Name(ArtifactTarget.Machine(isa))}");
        o.WriteLine($"host cpu features: {isa.DescribeFeatures(isa.HostFeatures())}");
        o.WriteLine($"cpu features: {isa.DescribeFeatures(options.Features)}");
        o.WriteLine($"artifact format: {ArtifactFormat.Version}");
        o.WriteLine($"kiln version: {ArtifactFormat.KilnVersion}");
        o.WriteLine($"builtins: {EngineCompatibility.CurrentBuiltinCount}");
        o.WriteLine($"optimized: {YesNo(options.Optimize)}");
        o.WriteLine($"function alignment: {options.FunctionAlignment}");
        o.WriteLine($"fuel metering: {YesNo(options.ConsumeFuel)}");
        o.WriteLine($"epoch checks: {YesNo(options.EpochInterruption)}");
        return ExitCodes.Success;
    }

    private static string YesNo(bool b) => b ? "yes" : "no";
}
