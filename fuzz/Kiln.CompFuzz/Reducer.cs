namespace Kiln.CompFuzz;

/// <summary>
/// Shrinks a mismatching case while its verdict signature stays the same: drops the corruptions, the result and
/// parameters, replaces a type by one of its parts (a list by its element, a record by a field, an option by its
/// payload) with the matching part of the value, and halves lists and strings. Greedy, to a fixed point; each
/// step runs both engines. The reduced case's signature, values and component text are what a regression test
/// needs.
/// </summary>
public sealed class Reducer(KilnEngine kiln, WasmtimeReference wasmtime)
{
    private string Signature(FuzzCase c) => Comparer.Compare(c, kiln.Run(c), wasmtime.Run(c)).Signature;

    public FuzzCase Reduce(FuzzCase c, string signature)
    {
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var candidate in Candidates(c))
            {
                FuzzCase next;
                try { next = candidate(); }
                catch (InvalidOperationException) { continue; }
                if (Signature(next) != signature) continue;
                c = next;
                changed = true;
                break;
            }
        }
        return c;
    }

    private static IEnumerable<Func<FuzzCase>> Candidates(FuzzCase c)
    {
        var ps = c.Params;
        var args = c.Args;
        if (c.ParamCorrupt is not null) yield return () => CaseGenerator.Rebuild(c, ps, args, c.Result, c.Answer, c.Corrupt, null, c.KeepBorrows);
        if (c.Corrupt is not null) yield return () => CaseGenerator.Rebuild(c, ps, args, c.Result, c.Answer, null, c.ParamCorrupt, c.KeepBorrows);
        if (c.KeepBorrows) yield return () => CaseGenerator.Rebuild(c, ps, args, c.Result, c.Answer, c.Corrupt, c.ParamCorrupt, false);
        if (c.Result is not null && c.Corrupt is null)
        {
            yield return () => CaseGenerator.Rebuild(c, ps, args, null, null, null, c.ParamCorrupt, c.KeepBorrows);
            foreach (var (t, v) in Parts(c.Result, c.Answer!))
                yield return () => CaseGenerator.Rebuild(c, ps, args, t, v, null, c.ParamCorrupt, c.KeepBorrows);
            if (Shrink(c.Result, c.Answer!) is { } smaller)
                yield return () => CaseGenerator.Rebuild(c, ps, args, c.Result, smaller, null, c.ParamCorrupt, c.KeepBorrows);
        }
        // Parameter changes move the slots a parameter corruption names: only once it is gone.
        if (c.ParamCorrupt is not null) yield break;
        for (int i = 0; i < ps.Count; i++)
        {
            int k = i;
            yield return () => CaseGenerator.Rebuild(c, [.. ps.Where((_, j) => j != k)], [.. args.Where((_, j) => j != k)],
                c.Result, c.Answer, c.Corrupt, null, c.KeepBorrows);
            foreach (var (t, v) in Parts(ps[k], args[k]))
                yield return () => CaseGenerator.Rebuild(c, [.. ps.Select((p, j) => j == k ? t : p)], [.. args.Select((a, j) => j == k ? v : a)],
                    c.Result, c.Answer, c.Corrupt, null, c.KeepBorrows);
            if (Shrink(ps[k], args[k]) is { } smaller)
                yield return () => CaseGenerator.Rebuild(c, ps, [.. args.Select((a, j) => j == k ? smaller : a)],
                    c.Result, c.Answer, c.Corrupt, null, c.KeepBorrows);
        }
    }

    /// <summary>The parts of a value that can stand in for it: (part type, part value).</summary>
    private static IEnumerable<(CType, Val)> Parts(CType t, Val v)
    {
        switch (t.Kind)
        {
            case CKind.List when v.Items.Count > 0: yield return (t.Elem!, v.Items[0]); break;
            case CKind.Record or CKind.Tuple:
                for (int i = 0; i < t.Fields.Count; i++) yield return (t.Fields[i], v.Items[i]);
                break;
            case CKind.Variant or CKind.Option or CKind.Result:
                if (t.Cases[AbiImage.CaseIndex(t, v)] is { } p) yield return (p, v.Payload!);
                break;
        }
    }

    /// <summary>The value with its lists and strings halved (deepest first), or null when nothing is left to halve.</summary>
    private static Val? Shrink(CType t, Val v)
    {
        switch (t.Kind)
        {
            case CKind.String when v.Text!.Length > 0:
            {
                int n = v.Text.Length / 2;
                if (n > 0 && char.IsLowSurrogate(v.Text[n])) n--;
                return Val.String(v.Text[..n]);
            }
            case CKind.List when v.Items.Count > 0:
                return Val.List([.. v.Items.Take(v.Items.Count / 2)]);
            case CKind.Record or CKind.Tuple:
                for (int i = 0; i < t.Fields.Count; i++)
                    if (Shrink(t.Fields[i], v.Items[i]) is { } s)
                    {
                        var items = v.Items.Select((x, j) => j == i ? s : x).ToArray();
                        return t.Kind == CKind.Tuple ? Val.Tuple(items) : Val.Record([.. items.Select((x, j) => ($"f{j}", x))]);
                    }
                return null;
            default: return null;
        }
    }
}
