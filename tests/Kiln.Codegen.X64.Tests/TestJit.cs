using System.Buffers.Binary;
using Kiln.IR.Text;

namespace Kiln.Codegen.X64.Tests;

/// <summary>Compiles IR text (one or more functions), links them into one executable buffer and resolves calls.</summary>
internal sealed class TestJit : IDisposable
{
    private readonly ExecutableCode _mem;
    private readonly Dictionary<string, int> _offsets = [];

    public TestJit(string ir, CpuFeatures? options = null, IReadOnlyDictionary<string, nint>? externals = null)
    {
        var funcs = Parser.ParseFunctions(ir);
        Compiled = new List<CompiledFunction>();
        int size = 0;
        foreach (var f in funcs)
        {
            var errors = Kiln.IR.Verifier.Verify(f);
            if (errors.Count > 0) throw new InvalidOperationException(string.Join("\n", errors));
            var c = X64Backend.Compile(f, options);
            Compiled.Add(c);
            _offsets[c.Name] = size;
            size = (size + c.Code.Length + 15) & ~15;
        }
        _mem = new ExecutableCode(new byte[size], baseAddr =>
        {
            var image = new byte[size];
            foreach (var c in Compiled)
            {
                int at = _offsets[c.Name];
                c.Code.CopyTo(image, at);
                foreach (var r in c.Relocations)
                {
                    long target = _offsets.TryGetValue(r.Symbol, out int o) ? baseAddr + o
                        : externals is not null && externals.TryGetValue(r.Symbol, out var a) ? a
                        : throw new InvalidOperationException($"unresolved symbol {r.Symbol}");
                    long p = baseAddr + at + r.Offset;
                    long value = target + r.Addend - p;
                    if (value != (int)value) throw new InvalidOperationException("relocation out of range");
                    BinaryPrimitives.WriteInt32LittleEndian(image.AsSpan(at + r.Offset), (int)value);
                }
            }
            return image;
        });
    }

    public List<CompiledFunction> Compiled { get; }

    public nint this[string name] => _mem.Base + _offsets[name];

    public nint Entry => this[Compiled[0].Name];

    public void Dispose() => _mem.Dispose();
}
