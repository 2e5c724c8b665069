using Kiln.Wasm.Instructions;
using static Kiln.Wasm.Model.ValType;
using static Kiln.Wasm.Tests.Validation.TestModule;

namespace Kiln.Wasm.Tests.Validation;

public class SimdTests
{
    private static TestModule WithMemory(Action<CodeBuilder> body, Kiln.Wasm.Model.ValType[] results)
    {
        var m = new TestModule();
        m.Memory();
        m.Func(T(), results, body);
        return m;
    }

    [Theory]
    [InlineData(Opcode.I8x16ExtractLaneS, 16)]
    [InlineData(Opcode.I8x16ExtractLaneU, 16)]
    [InlineData(Opcode.I16x8ExtractLaneS, 8)]
    [InlineData(Opcode.I32x4ExtractLane, 4)]
    [InlineData(Opcode.I64x2ExtractLane, 2)]
    [InlineData(Opcode.F32x4ExtractLane, 4)]
    [InlineData(Opcode.F64x2ExtractLane, 2)]
    public void Extract_lane_index_below_lane_count(Opcode op, int lanes)
    {
        Body.Valid(T(), T(), c => c.V128Const().Lane(op, (byte)(lanes - 1)).Op(Opcode.Drop));
        Body.Invalid("invalid lane index", T(), T(), c => c.V128Const().Lane(op, (byte)lanes).Op(Opcode.Drop));
        Body.Invalid("invalid lane index", T(), T(), c => c.V128Const().Lane(op, 255).Op(Opcode.Drop));
    }

    [Fact]
    public void Replace_lane_types_the_scalar()
    {
        Body.Valid(T(), T(V128), c => c.V128Const().I64Const(1).Lane(Opcode.I64x2ReplaceLane, 1));
        Body.Invalid("type mismatch", T(), T(V128), c => c.V128Const().I32Const(1).Lane(Opcode.I64x2ReplaceLane, 1));
        Body.Invalid("invalid lane index", T(), T(V128), c => c.V128Const().F32Const(1).Lane(Opcode.F32x4ReplaceLane, 4));
    }

    [Fact]
    public void Shuffle_lanes_below_32()
    {
        Body.Valid(T(), T(V128), c => c.V128Const().V128Const().Shuffle(0, 31, 16, 15));
        Body.Invalid("invalid lane index", T(), T(V128), c => c.V128Const().V128Const().Shuffle(0, 32));
        Body.Invalid("invalid lane index", T(), T(V128), c => c.V128Const().V128Const().Shuffle(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255));
    }

    [Theory]
    [InlineData(Opcode.V128Load8Lane, 0, 16)]
    [InlineData(Opcode.V128Load16Lane, 1, 8)]
    [InlineData(Opcode.V128Load32Lane, 2, 4)]
    [InlineData(Opcode.V128Load64Lane, 3, 2)]
    public void Load_lane_alignment_and_index(Opcode op, uint natural, int lanes)
    {
        WithMemory(c => c.I32Const(0).V128Const().MemLane(op, natural, (byte)(lanes - 1)), T(V128)).Valid();
        WithMemory(c => c.I32Const(0).V128Const().MemLane(op, natural + 1, 0), T(V128)).Invalid("alignment must not be larger than natural");
        WithMemory(c => c.I32Const(0).V128Const().MemLane(op, natural, (byte)lanes), T(V128)).Invalid("invalid lane index");
    }

    [Theory]
    [InlineData(Opcode.V128Store8Lane, 0, 16)]
    [InlineData(Opcode.V128Store16Lane, 1, 8)]
    [InlineData(Opcode.V128Store32Lane, 2, 4)]
    [InlineData(Opcode.V128Store64Lane, 3, 2)]
    public void Store_lane_alignment_and_index(Opcode op, uint natural, int lanes)
    {
        WithMemory(c => c.I32Const(0).V128Const().MemLane(op, natural, (byte)(lanes - 1)), T()).Valid();
        WithMemory(c => c.I32Const(0).V128Const().MemLane(op, natural + 1, 0), T()).Invalid("alignment must not be larger than natural");
        WithMemory(c => c.I32Const(0).V128Const().MemLane(op, natural, (byte)lanes), T()).Invalid("invalid lane index");
        WithMemory(c => c.V128Const().I32Const(0).MemLane(op, natural, 0), T()).Invalid("type mismatch");
    }

    [Fact]
    public void Shifts_take_an_i32_count()
    {
        Body.Valid(T(), T(V128), c => c.V128Const().I32Const(3).Op(Opcode.I64x2Shl));
        Body.Invalid("type mismatch", T(), T(V128), c => c.V128Const().V128Const().Op(Opcode.I64x2Shl));
    }

    [Fact]
    public void Reductions_produce_i32()
    {
        Body.Valid(T(), T(I32), c => c.V128Const().Op(Opcode.I8x16Bitmask));
        Body.Valid(T(), T(I32), c => c.V128Const().Op(Opcode.V128AnyTrue));
        Body.Invalid("type mismatch", T(), T(V128), c => c.V128Const().Op(Opcode.I32x4AllTrue));
    }

    [Fact]
    public void Bitselect_takes_three_vectors()
    {
        Body.Valid(T(), T(V128), c => c.V128Const().V128Const().V128Const().Op(Opcode.V128Bitselect));
        Body.Invalid("type mismatch", T(), T(V128), c => c.V128Const().V128Const().I32Const(0).Op(Opcode.V128Bitselect));
    }

    [Fact]
    public void Splat_takes_the_lane_scalar()
    {
        Body.Valid(T(), T(V128), c => c.F64Const(1).Op(Opcode.F64x2Splat));
        Body.Invalid("type mismatch", T(), T(V128), c => c.F32Const(1).Op(Opcode.F64x2Splat));
    }
}
