using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;

namespace Kiln.DiffFuzz;

/// <summary>
/// Rewrites a module into the form every engine runs the same way: its only exports are nullary functions,
/// run in export order. Each original function export becomes one or two wrappers calling it with chosen
/// arguments (float results reinterpreted to integers, references turned into ref.is_null); before each,
/// binaryen's <c>hangLimitInitializer</c> is re-run when present; at the end come one reader per global and
/// a hash of memory 0 and its size. So results, traps, host-call logs and final state compare as integers
/// in all three engines, wabt's lossy float printing included.
/// </summary>
internal static class Harness
{
    public const string HangLimitExport = "hangLimitInitializer";

    public static (byte[] Bytes, List<CallSpec> Calls) Prepare(byte[] original, Random rng)
    {
        var m = ModuleDecoder.Decode(original);
        m.CountImports();
        CanonicalizeNans(m);
        var calls = new List<CallSpec>();
        var exports = new List<Export>();
        uint? hang = null;
        foreach (var e in m.Exports)
            if (e.Kind == ExternalKind.Func && e.Name == HangLimitExport && m.FunctionType(e.Index).Params.Length == 0)
                hang = e.Index;

        uint nextFunc = (uint)m.TotalFunctionCount;
        uint AddFunc(FuncType type, LocalGroup[] locals, List<byte> code)
        {
            m.Functions.Add(TypeIndex(m, type));
            m.Codes.Add(new FunctionBody { Locals = locals, Code = code.ToArray() });
            return nextFunc++;
        }
        void Export(string name, uint func, string description, char[] kinds)
        {
            exports.Add(new Export(name, ExternalKind.Func, func));
            calls.Add(new CallSpec(name, description, kinds));
        }

        int n = 0;
        foreach (var e in m.Exports)
        {
            if (e.Kind != ExternalKind.Func || e.Name == HangLimitExport) continue;
            var type = m.FunctionType(e.Index);
            int times = type.Params.Length == 0 ? 1 : 2;
            for (int t = 0; t < times; t++)
            {
                if (hang is uint h) Export($"r{n}", h, "hang limit reset", []);
                var args = type.Params.Select(p => Arguments.Choose(p, rng)).ToArray();
                var (fn, kinds) = Wrapper(m, e.Index, type, args, AddFunc);
                Export($"c{n}", fn, $"{e.Name}({string.Join(", ", args.Select(a => a.Text))})", kinds);
                n++;
            }
        }
        for (uint g = 0; g < m.TotalGlobalCount; g++)
        {
            var gt = m.GlobalAt(g);
            var code = new List<byte> { 0x23 };
            Leb.U(code, g);
            char kind = Convert(code, gt.ValueType, out var rt);
            code.Add(0x0B);
            Export($"g{g}", AddFunc(new FuncType([], [rt]), [], code), $"global {g}", [kind]);
        }
        if (m.TotalMemoryCount > 0)
        {
            Export("msize", AddFunc(new FuncType([], [ValType.I32]), [], [0x3F, 0x00, 0x0B]), "memory.size", ['i']);
            Export("mhash", AddFunc(new FuncType([], [ValType.I64]), [new LocalGroup(2, ValType.I32), new LocalGroup(1, ValType.I64)], HashBody()),
                "memory hash", ['i']);
        }
        m.Exports.Clear();
        m.Exports.AddRange(exports);
        m.Names = null;
        m.CustomSections.Clear();
        return (ModuleEncoder.Encode(m), calls);
    }

    /// <summary>A module with every nondeterministic NaN canonicalized (<see cref="NanCanonicalizer"/>): what
    /// <c>--check</c> runs, so that a reduction of a prepared module cannot drift into a NaN-payload difference.</summary>
    public static byte[] Canonicalize(byte[] wasm)
    {
        var m = ModuleDecoder.Decode(wasm);
        m.CountImports();
        CanonicalizeNans(m);
        return ModuleEncoder.Encode(m);
    }

    private static void CanonicalizeNans(WasmModule m)
    {
        for (int i = 0; i < m.Codes.Count; i++)
            m.Codes[i] = NanCanonicalizer.Rewrite(m.Codes[i], m.Types[(int)m.Functions[i]].Params.Length);
    }

    private static (uint, char[]) Wrapper(WasmModule m, uint target, FuncType type, Argument[] args,
        Func<FuncType, LocalGroup[], List<byte>, uint> addFunc)
    {
        var code = new List<byte>();
        foreach (var a in args) code.AddRange(a.Code);
        code.Add(0x10);
        Leb.U(code, target);
        var results = type.Results;
        var kinds = new char[results.Length];
        var outTypes = new ValType[results.Length];
        LocalGroup[] locals = [];
        bool needsLocals = results.Any(r => r != ValType.I32 && r != ValType.I64);
        if (!needsLocals)
        {
            for (int i = 0; i < results.Length; i++) { kinds[i] = 'i'; outTypes[i] = results[i]; }
        }
        else
        {
            locals = results.Select(r => new LocalGroup(1, r)).ToArray();
            for (int i = results.Length - 1; i >= 0; i--) { code.Add(0x21); Leb.U(code, (uint)i); }
            for (int i = 0; i < results.Length; i++)
            {
                code.Add(0x20);
                Leb.U(code, (uint)i);
                kinds[i] = Convert(code, results[i], out outTypes[i]);
            }
        }
        code.Add(0x0B);
        return (addFunc(new FuncType([], outTypes), locals, code), kinds);
    }

    /// <summary>Turns the value on the stack into an integer; 'f'/'d' mark f32/f64 bits, 'i' a plain integer.</summary>
    private static char Convert(List<byte> code, ValType t, out ValType result)
    {
        switch (t)
        {
            case ValType.F32: code.Add(0xBC); result = ValType.I32; return 'f';
            case ValType.F64: code.Add(0xBD); result = ValType.I64; return 'd';
            case ValType.FuncRef or ValType.ExternRef: code.Add(0xD1); result = ValType.I32; return 'i';
            default: result = t; return 'i';
        }
    }

    private static List<byte> HashBody()
    {
        // locals: 0 = i, 1 = end (i32), 2 = h (i64); FNV-1a over 8-byte words.
        var c = new List<byte> { 0x42 };
        Leb.S(c, unchecked((long)0xcbf29ce484222325UL));
        c.AddRange([0x21, 2, 0x3F, 0x00, 0x41, 16, 0x74, 0x21, 1, 0x02, 0x40, 0x03, 0x40,
            0x20, 0, 0x20, 1, 0x4F, 0x0D, 1,
            0x20, 2, 0x20, 0, 0x29, 3, 0, 0x85, 0x42]);
        Leb.S(c, 0x100000001b3L);
        c.AddRange([0x7E, 0x21, 2, 0x20, 0, 0x41, 8, 0x6A, 0x21, 0, 0x0C, 0, 0x0B, 0x0B, 0x20, 2, 0x0B]);
        return c;
    }

    private static uint TypeIndex(WasmModule m, FuncType type)
    {
        int i = m.Types.FindIndex(t => t.Equals(type));
        if (i >= 0) return (uint)i;
        m.Types.Add(type);
        return (uint)(m.Types.Count - 1);
    }
}
