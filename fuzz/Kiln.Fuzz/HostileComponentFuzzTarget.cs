using Kiln.Component.Binary;
using Kiln.Component.Model;
using Kiln.Runtime;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.Fuzz;

/// <summary>
/// Hostile components (issue 11: bad pointers, lengths, discriminants, chars, handles): each case takes a valid
/// seed component (<see cref="HostileComponentSeeds"/>), replaces one to three <c>i32.const</c> immediates in its core
/// code with values the canonical ABI must refuse, then compiles, instantiates (with fuel, so no case runs forever)
/// and calls every export with generated arguments. Every call must return or throw a <see cref="Trap"/>; loading
/// may also fail with a typed error. Any other exception is a failure, and a crash of the process is one too.
/// </summary>
public sealed class HostileComponentFuzzTarget : IMutatingFuzzTarget
{
    private static readonly int[] Values =
        [0, 1, 2, 3, -1, 4, 7, 8, 15, 16, 17, 0x7f, 0x80, 0xff, 0x100, 0xD800, 0xDFFF, 0x10FFFF, 0x110000, 65535, 65536, 65537,
         0x7fffffff, unchecked((int)0x80000000), unchecked((int)0x80000001), 1 << 28, 1 << 30, -4, -16];

    private readonly Engine _engine = new(new EngineConfig { ConsumeFuel = true, CompilationThreads = 1 });

    public List<byte[]> BuildSeeds() => HostileComponentSeeds.Build();

    public bool IsValid(byte[] input)
    {
        try
        {
            Kiln.Runtime.Component.FromBinary(_engine, input).Dispose();
            return true;
        }
        catch (Exception e) when (IsTypedLoadError(e))
        {
            return false;
        }
    }

    public byte[] Mutate(Random rng, byte[] seed)
    {
        var component = ComponentDecoder.Decode(seed);
        var bodies = new List<(CoreModuleSection Section, int Index)>();
        Collect(component, bodies);
        int n = 1 + rng.Next(3);
        for (int k = 0; k < n && bodies.Count > 0; k++)
        {
            var (section, index) = bodies[rng.Next(bodies.Count)];
            var module = section.Module;
            var body = module.Codes[index];
            var consts = new List<(int Start, int End)>();
            var reader = new InstructionReader(body.Code.Span, 0);
            while (!reader.AtEnd)
            {
                var inst = reader.Read();
                if (inst.Opcode == Opcode.I32Const) consts.Add((inst.Offset + 1, reader.Offset));
            }
            if (consts.Count == 0) continue;
            var (start, end) = consts[rng.Next(consts.Count)];
            int value = rng.Next(4) == 0 ? rng.Next(int.MinValue, int.MaxValue) : Values[rng.Next(Values.Length)];
            var code = body.Code.Span;
            byte[] replaced = [.. code[..start], .. SignedLeb(value), .. code[end..]];
            module.Codes[index] = new FunctionBody { Locals = body.Locals, Code = replaced };
            section.Bytes = default; // re-encode the module from its model
        }
        return ComponentEncoder.Encode(component);
    }

    private static void Collect(WasmComponent c, List<(CoreModuleSection, int)> bodies)
    {
        foreach (var s in c.Sections)
        {
            if (s is CoreModuleSection m)
                for (int i = 0; i < m.Module.Codes.Count; i++) bodies.Add((m, i));
            else if (s is NestedComponentSection n) Collect(n.Component, bodies);
        }
    }

    private static byte[] SignedLeb(int value)
    {
        var b = new List<byte>();
        long v = value;
        while (true)
        {
            byte x = (byte)(v & 0x7f);
            v >>= 7;
            bool done = (v == 0 && (x & 0x40) == 0) || (v == -1 && (x & 0x40) != 0);
            b.Add(done ? x : (byte)(x | 0x80));
            if (done) return [.. b];
        }
    }

    public (string? Kind, string? Detail) Run(byte[] input, FuzzResult result)
    {
        Kiln.Runtime.Component component;
        try
        {
            component = Kiln.Runtime.Component.FromBinary(_engine, input);
        }
        catch (Exception e) when (IsTypedLoadError(e))
        {
            lock (result) result.ValidationErrors++;
            return (null, null);
        }
        lock (result) result.Valid++;
        using var code = component; // after the store: thousands of cases would fill the code registry
        using var store = new Store(_engine) { Fuel = 100_000 };
        var linker = new ComponentLinker(_engine);
        linker.DefineAction("log", (string _) => { });
        ComponentInstance instance;
        try
        {
            instance = linker.Instantiate(store, component);
        }
        catch (Trap)
        {
            lock (result) result.Traps++;
            return (null, null);
        }
        var rng = new Random(input.Length);
        foreach (string name in component.ExportNames)
        {
            if (instance.GetFunc(name) is not { } func) continue;
            var args = new Val[func.ParamNames.Count];
            for (int i = 0; i < args.Length; i++) args[i] = Argument(func.ParamTypeText(i), rng);
            try
            {
                var r = func.Call(args);
                lock (result) result.Returns++;
                if (r is { Kind: ValKind.Own, Resource: { } res }) instance.DropResource(res);
            }
            catch (Trap)
            {
                lock (result) result.Traps++;
                // What a hostile component must get. The instance may now refuse to be entered: that is a trap too.
            }
        }
        return (null, null);
    }

    private static Val Argument(string type, Random rng) => type switch
    {
        "u32" => Val.U32((uint)rng.Next(0, 100)),
        "string" => Val.String(rng.Next(3) switch { 0 => "", 1 => "héllo ☃", _ => new string('x', rng.Next(1, 300)) }),
        _ => throw new InvalidOperationException($"the hostile seeds' exports take u32 and string, not {type}"),
    };

    /// <summary>Refusals of a damaged component before it runs: all typed, none a crash.</summary>
    private static bool IsTypedLoadError(Exception e) =>
        e is KilnException or Kiln.Component.Validation.ComponentValidationException or ComponentDecodeException
            or Kiln.Compiler.Component.ComponentTranslationException or ComponentFeatureNotSupportedException
            or Kiln.Wasm.Validation.WasmValidationException;
}
