using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using static Kiln.Codegen.Arm64.A64Enc;

namespace Kiln.Codegen.Arm64.Tests;

/// <summary>
/// Every instruction form the backend emits, encoded by <see cref="A64Enc"/> and decoded by two disassemblers that
/// share nothing with it: GNU objdump (<c>aarch64-linux-gnu-objdump -D -b binary -m aarch64</c>), whose text must equal
/// the expected assembly, and Capstone, whose text must equal it once both are normalized (hex vs decimal
/// immediates, spacing, condition and mov aliases). Capstone 4 does not know <c>udf</c>; the backend's disassembler
/// spells it for Capstone (<see cref="A64Disassembler"/>), and objdump checks its encoding. A missing objdump is a failure that names the package, never a skip.
/// </summary>
public class EncoderTests
{
    private const int X = 1, W = 0;

    /// <summary>(encoding, expected assembly in objdump's spelling; branch targets relative to the word at 0x1000).</summary>
    public static readonly (uint Word, string Asm)[] Cases =
    [
        (Rrr(A64.AddReg, true, 0, 1, 2), "add x0, x1, x2"),
        (Rrr(A64.AddReg, false, 3, 4, 5), "add w3, w4, w5"),
        (Rrr(A64.SubReg, true, 8, 9, 10), "sub x8, x9, x10"),
        (Rrr(A64.SubReg, true, 16, 31, 2), "neg x16, x2"),
        (Rrr(A64.SubsReg, false, 31, 1, 2), "cmp w1, w2"),
        (Rrr(A64.AndReg, true, 0, 1, 2), "and x0, x1, x2"),
        (Rrr(A64.OrrReg, false, 0, 1, 2), "orr w0, w1, w2"),
        (Rrr(A64.OrrReg, true, 7, 31, 19), "mov x7, x19"),
        (Rrr(A64.OrrReg, false, 7, 31, 19), "mov w7, w19"),
        (Rrr(A64.EorReg, true, 0, 1, 2), "eor x0, x1, x2"),
        (Ext(A64.AddExt, true, 31, 31, 17, 3), "add sp, sp, x17"),
        (Ext(A64.SubsExt, true, 31, 31, 16, 3), "cmp sp, x16"),
        (AddSubImm(A64.AddImm, true, 0, 1, 4095), "add x0, x1, #0xfff"),
        (AddSubImm(A64.AddImm, true, 29, 31, 0), "mov x29, sp"),
        (AddSubImm(A64.AddImm, true, 31, 29, 0), "mov sp, x29"),
        (AddSubImm(A64.SubImm, true, 31, 31, 2, true), "sub sp, sp, #0x2, lsl #12"),
        (AddSubImm(A64.SubImm, false, 2, 3, 16), "sub w2, w3, #0x10"),
        (AddSubImm(A64.SubsImm, false, 31, 3, 7), "cmp w3, #0x7"),
        (AddSubImm(A64.AddsImm, true, 31, 3, 1), "cmn x3, #0x1"),
        (LogImm(A64.AndImm, false, 0, 1, Enc(0xFF, false)), "and w0, w1, #0xff"),
        (LogImm(A64.OrrImm, true, 0, 31, Enc(0x5555_5555_5555_5555, true)), "mov x0, #0x5555555555555555"),
        (LogImm(A64.EorImm, true, 2, 3, Enc(0xFFFF_0000_0000_0000, true)), "eor x2, x3, #0xffff000000000000"),
        (LogImm(A64.EorImm, false, 2, 3, Enc(0x8000_0000, false)), "eor w2, w3, #0x80000000"),
        (Rrr(A64.Lslv, false, 0, 1, 2), "lsl w0, w1, w2"),
        (Rrr(A64.Lsrv, true, 0, 1, 2), "lsr x0, x1, x2"),
        (Rrr(A64.Asrv, false, 0, 1, 2), "asr w0, w1, w2"),
        (Rrr(A64.Rorv, true, 0, 1, 2), "ror x0, x1, x2"),
        (Rrr(A64.Udiv, false, 0, 1, 2), "udiv w0, w1, w2"),
        (Rrr(A64.Sdiv, true, 16, 1, 2), "sdiv x16, x1, x2"),
        (Rrrr(A64.Madd, false, 0, 1, 2, 31), "mul w0, w1, w2"),
        (Rrrr(A64.Madd, true, 0, 1, 2, 3), "madd x0, x1, x2, x3"),
        (Rrrr(A64.Msub, true, 0, 16, 2, 1), "msub x0, x16, x2, x1"),
        (Bitfield(A64.Ubfm, false, 0, 1, 28, 27), "lsl w0, w1, #4"),
        (Bitfield(A64.Ubfm, true, 0, 1, 3, 63), "lsr x0, x1, #3"),
        (Bitfield(A64.Sbfm, false, 0, 1, 5, 31), "asr w0, w1, #5"),
        (Bitfield(A64.Sbfm, false, 0, 1, 0, 7), "sxtb w0, w1"),
        (Bitfield(A64.Sbfm, true, 0, 1, 0, 15), "sxth x0, w1"),
        (Bitfield(A64.Sbfm, true, 0, 1, 0, 31), "sxtw x0, w1"),
        (Bitfield(A64.Bfm, true, 17, 16, 0, 62), "bfxil x17, x16, #0, #63"),
        (A64Enc.Extr(false, 0, 1, 1, 7), "ror w0, w1, #7"),
        (Rrr(A64.Clz, true, 0, 1, 0), "clz x0, x1"),
        (Rrr(A64.Rbit, false, 16, 1, 0), "rbit w16, w1"),
        (CondSel(A64.Csel, true, 0, 1, 2, Cond.Lt), "csel x0, x1, x2, lt"),
        (CondSel(A64.Csel, false, 17, 3, 17, Cond.Lo), "csel w17, w3, w17, cc"),
        (CondSel(A64.Csinc, false, 0, 31, 31, Cond.Ne), "cset w0, eq"),
        (MoveWide(A64.Movz, true, 0, 0x1234, 1), "mov x0, #0x12340000"),
        (MoveWide(A64.Movk, true, 0, 0xbeef, 3), "movk x0, #0xbeef, lsl #48"),
        (MoveWide(A64.Movn, false, 0, 0, 0), "mov w0, #0xffffffff"),
        (LdStImm(A64.LdrX, 0, 1, 8), "ldr x0, [x1, #8]"),
        (LdStImm(A64.LdrW, 0, 1, 4092), "ldr w0, [x1, #4092]"),
        (LdStImm(A64.StrX, 19, 31, 16), "str x19, [sp, #16]"),
        (LdStImm(A64.Ldrb, 0, 1, 0), "ldrb w0, [x1]"),
        (LdStImm(A64.LdrsbW, 0, 1, 1), "ldrsb w0, [x1, #1]"),
        (LdStImm(A64.LdrsbX, 0, 1, 1), "ldrsb x0, [x1, #1]"),
        (LdStImm(A64.Ldrh, 0, 1, 2), "ldrh w0, [x1, #2]"),
        (LdStImm(A64.LdrshW, 0, 1, 2), "ldrsh w0, [x1, #2]"),
        (LdStImm(A64.LdrshX, 0, 1, 2), "ldrsh x0, [x1, #2]"),
        (LdStImm(A64.Ldrsw, 0, 1, 4), "ldrsw x0, [x1, #4]"),
        (LdStImm(A64.Strb, 0, 1, 3), "strb w0, [x1, #3]"),
        (LdStImm(A64.Strh, 0, 1, 6), "strh w0, [x1, #6]"),
        (LdStImm(A64.StrW, 0, 1, 12), "str w0, [x1, #12]"),
        (LdStImm(A64.LdrS, 0, 1, 4), "ldr s0, [x1, #4]"),
        (LdStImm(A64.StrD, 8, 31, 24), "str d8, [sp, #24]"),
        (LdStImm(A64.LdrD, 8, 29, 16), "ldr d8, [x29, #16]"),
        (LdStUnscaled(A64.LdrX, 0, 1, -8), "ldur x0, [x1, #-8]"),
        (LdStUnscaled(A64.StrW, 0, 1, 3), "stur w0, [x1, #3]"),
        (LdStReg(A64.LdrX, 0, 1, 2), "ldr x0, [x1, x2]"),
        (LdStReg(A64.Strb, 0, 1, 2), "strb w0, [x1, x2]"),
        (LdStReg(A64.LdrD, 0, 1, 17), "ldr d0, [x1, x17]"),
        (LdStReg(A64.Ldrsw, 17, 16, 17, 2, true), "ldrsw x17, [x16, w17, uxtw #2]"),
        (Pair(A64.StpXPre, 29, 30, 31, -16), "stp x29, x30, [sp, #-16]!"),
        (Pair(A64.LdpXPost, 29, 30, 31, 16), "ldp x29, x30, [sp], #16"),
        (Pair(A64.StpX, 19, 20, 31, 32), "stp x19, x20, [sp, #32]"),
        (Branch26(A64.B, 8), "b 0x1008"),
        (Branch26(A64.Bl, -4), "bl 0xffc"),
        (BCond(Cond.Lo, 16), "b.cc 0x1010"),
        (BCond(Cond.Vs, -8), "b.vs 0xff8"),
        (Cbz(A64.Cbz, false, 3, 12), "cbz w3, 0x100c"),
        (Cbz(A64.Cbnz, true, 3, 12), "cbnz x3, 0x100c"),
        (Tbz(A64.Tbz, 3, 33, 8), "tbz x3, #33, 0x1008"),
        (BranchReg(A64.Br, 16), "br x16"),
        (BranchReg(A64.Blr, 2), "blr x2"),
        (BranchReg(A64.Ret, 30), "ret"),
        (Adr(16, 20), "adr x16, 0x1014"),
        (Udf(18), "udf #18"),
        (FRrr(A64.Fadd, false, 0, 1, 2), "fadd s0, s1, s2"),
        (FRrr(A64.Fsub, true, 0, 1, 2), "fsub d0, d1, d2"),
        (FRrr(A64.Fmul, true, 0, 1, 2), "fmul d0, d1, d2"),
        (FRrr(A64.Fdiv, false, 0, 1, 2), "fdiv s0, s1, s2"),
        (FRrr(A64.Fmin, true, 0, 1, 2), "fmin d0, d1, d2"),
        (FRrr(A64.Fmax, false, 0, 1, 2), "fmax s0, s1, s2"),
        (FRr(A64.FmovReg, true, 0, 31), "fmov d0, d31"),
        (FRr(A64.Fabs, false, 0, 1), "fabs s0, s1"),
        (FRr(A64.Fneg, true, 0, 1), "fneg d0, d1"),
        (FRr(A64.Fsqrt, true, 0, 1), "fsqrt d0, d1"),
        (FRr(A64.Frintn, false, 0, 1), "frintn s0, s1"),
        (FRr(A64.Frintm, true, 0, 1), "frintm d0, d1"),
        (FRr(A64.Frintp, true, 0, 1), "frintp d0, d1"),
        (FRr(A64.Frintz, false, 0, 1), "frintz s0, s1"),
        (FRr(A64.FcvtSD, true, 0, 1), "fcvt d0, s1"),
        (FRr(A64.FcvtDS, false, 0, 1), "fcvt s0, d1"),
        (Fcmp(true, 0, 31), "fcmp d0, d31"),
        (Fcsel(false, 0, 1, 2, Cond.Mi), "fcsel s0, s1, s2, mi"),
        (FInt(A64.Scvtf, X == 1, true, 0, 1), "scvtf d0, x1"),
        (FInt(A64.Ucvtf, W == 1, false, 0, 1), "ucvtf s0, w1"),
        (FInt(A64.Fcvtzs, false, true, 0, 1), "fcvtzs w0, d1"),
        (FInt(A64.Fcvtzu, true, false, 0, 1), "fcvtzu x0, s1"),
        (FInt(A64.FmovToFp, true, true, 31, 16), "fmov d31, x16"),
        (FInt(A64.FmovToFp, false, false, 0, 31), "fmov s0, wzr"),
        (FInt(A64.FmovToGp, false, false, 0, 31), "fmov w0, s31"),
        (FInt(A64.FmovToGp, true, true, 17, 2), "fmov x17, d2"),
        (Simd(A64.Cnt8B, 31, 31), "cnt v31.8b, v31.8b"),
        (Simd(A64.Addv8B, 31, 31), "addv b31, v31.8b"),
    ];

    private static uint Enc(ulong value, bool x) =>
        LogicalImmediate(value, x, out uint e) ? e : throw new InvalidOperationException($"0x{value:x} is not a logical immediate");

    [Fact]
    public void ObjdumpReadsEveryFormAsExpected()
    {
        var words = new uint[Cases.Length];
        for (int i = 0; i < words.Length; i++) words[i] = Cases[i].Word;
        var lines = Objdump(words, 0x1000);
        var failures = new List<string>();
        for (int i = 0; i < Cases.Length; i++)
        {
            string got = lines.TryGetValue(0x1000 + 4 * i, out var g) ? g : "(missing)";
            if (Normalize(got) != Normalize(Cases[i].Asm)) failures.Add($"{Cases[i].Word:x8}: expected '{Cases[i].Asm}', objdump '{got}'");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public void CapstoneReadsEveryFormAsExpected()
    {
        var failures = new List<string>();
        for (int i = 0; i < Cases.Length; i++)
        {
            var code = BitConverter.GetBytes(Cases[i].Word);
            var d = A64Target.Instance.Disassemble(code, 0, 4, 0x1000, pcRelativeAsTarget: true);
            string got = d.Count == 1 && !d[0].IsInvalid ? d[0].Text : "(invalid)";
            if (Normalize(got) != Normalize(Cases[i].Asm)) failures.Add($"{Cases[i].Word:x8}: expected '{Cases[i].Asm}', capstone '{got}'");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Theory]
    [InlineData(0x0000_0000_0000_00FFUL, true, true)]
    [InlineData(0x0F0F_0F0F_0F0F_0F0FUL, true, true)]
    [InlineData(0x7FFF_FFFF_FFFF_FFFFUL, true, true)]
    [InlineData(0x0000_0000_7FFF_FFFFUL, false, true)]
    [InlineData(0x0000_0000_0000_0000UL, true, false)]
    [InlineData(0xFFFF_FFFF_FFFF_FFFFUL, true, false)]
    [InlineData(0x0000_0000_0000_0005UL, true, false)]
    [InlineData(0x0000_0000_1234_5678UL, false, false)]
    [InlineData(0x0000_0000_FFFF_FFFFUL, false, false)]
    public void LogicalImmediatesFollowTheEncodabilityRule(ulong value, bool x, bool encodable)
    {
        Assert.Equal(encodable, LogicalImmediate(value, x, out uint enc));
        if (!encodable) return;
        // Decode (DecodeBitMasks) and compare: the element repeated over the register.
        int n = (int)(enc >> 12), immr = (int)(enc >> 6) & 63, imms = (int)enc & 63;
        int len = 31 - System.Numerics.BitOperations.LeadingZeroCount((uint)((n << 6) | (~imms & 63)));
        int size = 1 << len, ones = (imms & (size - 1)) + 1;
        ulong elem = ones == 64 ? ulong.MaxValue : (1UL << ones) - 1;
        ulong emask = size == 64 ? ulong.MaxValue : (1UL << size) - 1;
        elem = ((elem >> immr) | (elem << (size - immr))) & emask;
        ulong full = 0;
        for (int k = 0; k < 64; k += size) full |= elem << k;
        Assert.Equal(x ? value : value & 0xFFFF_FFFF, x ? full : full & 0xFFFF_FFFF);
    }

    /// <summary>Lower case, immediates as decimal numbers, one space after commas, comments dropped.</summary>
    internal static string Normalize(string s)
    {
        s = s.Split("//")[0].Trim().ToLowerInvariant();
        s = Regex.Replace(s, @"\s+", " ");
        s = Regex.Replace(s, @"\s*,\s*", ", ");
        s = Regex.Replace(s, "#?(-?)0x([0-9a-f]+)", m => "#" + m.Groups[1].Value + ulong.Parse(m.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
        s = Regex.Replace(s, @"#(-?\d+)", "$1");
        // Condition aliases (objdump: cc/cs, Capstone: lo/hs) and the mov aliases of movz/movn.
        s = Regex.Replace(s, @"\bcc\b", "lo");
        s = Regex.Replace(s, @"\bcs\b", "hs");
        s = Regex.Replace(s, @"^orr ([wx]\d+), [wx]zr, ", "mov $1, ");
        s = Regex.Replace(s, @"^movz ([wx])(\d+), (\d+)(, lsl (\d+))?$", m =>
            $"mov {m.Groups[1].Value}{m.Groups[2].Value}, {ulong.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) << (m.Groups[5].Success ? int.Parse(m.Groups[5].Value, CultureInfo.InvariantCulture) : 0)}");
        s = Regex.Replace(s, @"^movn ([wx])(\d+), (\d+)(, lsl (\d+))?$", m =>
        {
            ulong v = ~(ulong.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) << (m.Groups[5].Success ? int.Parse(m.Groups[5].Value, CultureInfo.InvariantCulture) : 0));
            if (m.Groups[1].Value == "w") v &= 0xFFFF_FFFF;
            return $"mov {m.Groups[1].Value}{m.Groups[2].Value}, {v}";
        });
        return s;
    }

    /// <summary>Address -> instruction text of objdump's listing of <paramref name="words"/> placed at <paramref name="vma"/>.</summary>
    internal static Dictionary<long, string> Objdump(uint[] words, long vma)
    {
        string dir = Path.Combine(Path.GetTempPath(), "kiln-a64-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(dir);
        try
        {
            string bin = Path.Combine(dir, "code.bin");
            var bytes = new byte[words.Length * 4];
            Buffer.BlockCopy(words, 0, bytes, 0, bytes.Length);
            File.WriteAllBytes(bin, bytes);
            var psi = new ProcessStartInfo("aarch64-linux-gnu-objdump") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-D", "-b", "binary", "-m", "aarch64", $"--adjust-vma=0x{vma:x}", bin }) psi.ArgumentList.Add(a);
            psi.Environment["LC_ALL"] = "C";
            Process p;
            try { p = Process.Start(psi)!; }
            catch (System.ComponentModel.Win32Exception)
            {
                throw new Xunit.Sdk.XunitException("aarch64-linux-gnu-objdump is not on PATH; install it with: apt-get install binutils-aarch64-linux-gnu");
            }
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            var result = new Dictionary<long, string>();
            foreach (var line in output.Split('\n'))
            {
                var m = Regex.Match(line, @"^\s*([0-9a-f]+):\s+[0-9a-f]{8}\s+(.*)$");
                if (!m.Success) continue;
                long at = long.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                string text = m.Groups[2].Value.Replace('\t', ' ').Split("//")[0].Trim();
                // The cases expect each word at vma: rebase a PC-relative target to that.
                text = Regex.Replace(text, @"^((b\.\w+|b|bl|cbn?z|tbn?z|adr) (.*?))0x([0-9a-f]+)$", t =>
                    t.Groups[1].Value + "0x" + (long.Parse(t.Groups[4].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture) - at + vma).ToString("x", CultureInfo.InvariantCulture));
                result[at] = text;
            }
            return result;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
