namespace Kiln.DiffFuzz;

/// <summary>LEB128 and raw instruction bytes for the few function bodies the harness writes itself.</summary>
internal static class Leb
{
    public static void U(List<byte> o, ulong v)
    {
        do
        {
            byte b = (byte)(v & 0x7F);
            v >>= 7;
            if (v != 0) b |= 0x80;
            o.Add(b);
        } while (v != 0);
    }

    public static void S(List<byte> o, long v)
    {
        while (true)
        {
            byte b = (byte)(v & 0x7F);
            v >>= 7;
            bool done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            if (!done) b |= 0x80;
            o.Add(b);
            if (done) return;
        }
    }
}
