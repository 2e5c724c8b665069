using System.Buffers.Binary;

namespace Kiln.Compiler.Tests.Elf;

/// <summary>Seeded corruptions of a valid file: bit flips, byte overwrites, truncations, field rewrites with edge values, splices.</summary>
internal sealed class ElfMutator(int seed, byte[] original, List<(int Offset, int Width)> fields)
{
    private readonly Random random = new(seed);

    public (byte[] Bytes, string What) Next()
    {
        int kind = random.Next(8);
        byte[] file = (byte[])original.Clone();
        switch (kind)
        {
            case 0:
            {
                int flips = 1 + random.Next(4);
                var where = new List<string>();
                for (int i = 0; i < flips; i++)
                {
                    int offset = random.Next(file.Length);
                    int bit = random.Next(8);
                    file[offset] ^= (byte)(1 << bit);
                    where.Add($"0x{offset:x}.{bit}");
                }

                return (file, "bit flips at " + string.Join(",", where));
            }

            case 1:
            {
                int length = random.Next(file.Length);
                return (file[..length], $"truncated to {length} bytes");
            }

            case 2:
            {
                int offset = random.Next(file.Length);
                byte value = (byte)random.Next(256);
                file[offset] = value;
                return (file, $"byte 0x{offset:x} = 0x{value:x2}");
            }

            case 3:
            case 4:
            case 5:
            {
                var (offset, width) = fields[random.Next(fields.Count)];
                ulong value = EdgeValue(file.Length);
                Write(file, offset, width, value);
                return (file, $"field at 0x{offset:x} (width {width}) = 0x{value:x}");
            }

            case 6:
            {
                int from = random.Next(file.Length), to = random.Next(file.Length);
                int count = Math.Min(random.Next(1, 128), Math.Min(file.Length - from, file.Length - to));
                original.AsSpan(from, count).CopyTo(file.AsSpan(to));
                return (file, $"spliced {count} bytes from 0x{from:x} to 0x{to:x}");
            }

            default:
            {
                int at = random.Next(file.Length);
                int count = random.Next(1, 64);
                if (random.Next(2) == 0)
                {
                    byte[] inserted = new byte[count];
                    random.NextBytes(inserted);
                    return ([.. file.AsSpan(0, at), .. inserted, .. file.AsSpan(at)], $"inserted {count} bytes at 0x{at:x}");
                }

                count = Math.Min(count, file.Length - at);
                return ([.. file.AsSpan(0, at), .. file.AsSpan(at + count)], $"deleted {count} bytes at 0x{at:x}");
            }
        }
    }

    private ulong EdgeValue(int length)
    {
        ulong[] edges =
        [
            0, 1, 2, 3, 4, 7, 8, 0x10, 0x18, 0x38, 0x40, 0x7f, 0x80, 0xff, 0x100, 0xfff, 0x1000, 0xff00, 0xfff1, 0xffff,
            (ulong)length - 1, (ulong)length, (ulong)length + 1, (ulong)length / 2, 0x7fffffff, 0x80000000, 0xffffffff,
            0x1_0000_0000, long.MaxValue, (ulong)long.MaxValue + 1, ulong.MaxValue - 7, ulong.MaxValue,
        ];
        return random.Next(4) == 0 ? (ulong)random.NextInt64() : edges[random.Next(edges.Length)];
    }

    private static void Write(byte[] file, int offset, int width, ulong value)
    {
        var span = file.AsSpan(offset, width);
        switch (width)
        {
            case 1: span[0] = (byte)value; break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)value); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)value); break;
            default: BinaryPrimitives.WriteUInt64LittleEndian(span, value); break;
        }
    }
}
