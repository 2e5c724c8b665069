using Kiln.Component.Model;
using Kiln.Component.Wit.Model;

namespace Kiln.Component.Wit.Encoding;

/// <summary>
/// One component or instance type being built: its declarators, how many types and instances it has defined so
/// far (declarators add indices in order), which WIT type definitions have an index here, and its anonymous
/// types by structure (so <c>list&lt;u8&gt;</c> is defined once per scope). A type from an enclosing scope is
/// brought in with <c>alias outer</c> on first use.
/// </summary>
internal sealed class WitTypeScope(WitTypeScope? parent, bool isInstance)
{
    public WitTypeScope? Parent { get; } = parent;
    public bool IsInstance { get; } = isInstance;
    public List<TypeDeclaration> Decls { get; } = [];
    public uint TypeCount { get; private set; }
    public uint InstanceCount { get; private set; }
    public Dictionary<WitTypeDef, uint> Types { get; } = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, uint> _anonymous = new(StringComparer.Ordinal);

    /// <summary>Types an imported or exported instance offers, aliased out on first use (as wit-component does:
    /// an instance's types not used at this level get no alias).</summary>
    private readonly Dictionary<WitTypeDef, (uint Instance, string Name)> _exportedBy = new(ReferenceEqualityComparer.Instance);

    /// <summary>Type definitions standing for another one (the same interface decoded twice).</summary>
    private readonly Dictionary<WitTypeDef, WitTypeDef> _sameAs = new(ReferenceEqualityComparer.Instance);

    /// <summary>Makes <paramref name="def"/> available as export <paramref name="name"/> of instance
    /// <paramref name="instance"/>; the alias is made when the type is first used here or in a nested scope.</summary>
    public void OfferExport(WitTypeDef def, uint instance, string name) => _exportedBy[def] = (instance, name);

    /// <summary><paramref name="def"/> is the same type as <paramref name="target"/> (which has or will have an index).</summary>
    public void Share(WitTypeDef def, WitTypeDef target)
    {
        if (!ReferenceEquals(def, target)) _sameAs[def] = target;
    }

    private bool TryKnown(WitTypeDef def, out uint index)
    {
        if (Types.TryGetValue(def, out index)) return true;
        if (_sameAs.TryGetValue(def, out var target) && (Types.ContainsKey(target) || _exportedBy.ContainsKey(target) || _sameAs.ContainsKey(target)))
        {
            TryKnown(target, out index);
            Types[def] = index;
            return true;
        }
        if (_exportedBy.Remove(def, out var e))
        {
            index = Types[def] = AliasExport(e.Instance, e.Name);
            return true;
        }
        return false;
    }

    /// <summary>Defines the named types of an interface or world being encoded in this scope, on first use.</summary>
    public Func<WitTypeDef, uint>? DefineNamed { get; set; }

    /// <summary>The interface or world whose named types this scope defines itself (never aliased from outside:
    /// an interface both imported and exported gets its own types in each instance type).</summary>
    public object? Subject { get; set; }

    public uint Define(TypeDefinition t)
    {
        Decls.Add(new TypeDefinitionDeclaration(t));
        return TypeCount++;
    }

    /// <summary>A named type: exported by an instance type, imported by a component type (a world's own types).</summary>
    public uint DeclareType(string name, TypeBound bound)
    {
        var ext = ExternType.OfType(bound);
        Decls.Add(IsInstance ? new ExportDeclaration(new ExternName(name), ext) : new ImportDeclaration(new ExternName(name), ext));
        return TypeCount++;
    }

    /// <summary>A type index made by something other than a declarator (a component's type export).</summary>
    public uint ReserveType() => TypeCount++;

    public uint AliasOuter(uint count, uint index)
    {
        Decls.Add(new AliasDeclaration(Alias.Outer(Sort.Type, count, index)));
        return TypeCount++;
    }

    public uint AliasExport(uint instance, string name)
    {
        Decls.Add(new AliasDeclaration(Alias.Export(Sort.Type, instance, name)));
        return TypeCount++;
    }

    public uint AddInstance(bool import, string name, uint typeIndex)
    {
        var ext = new ExternType(ExternKind.Instance, typeIndex);
        Decls.Add(import ? new ImportDeclaration(new ExternName(name), ext) : new ExportDeclaration(new ExternName(name), ext));
        return InstanceCount++;
    }

    public void AddFunc(bool import, string name, uint typeIndex)
    {
        var ext = new ExternType(ExternKind.Func, typeIndex);
        Decls.Add(import ? new ImportDeclaration(new ExternName(name), ext) : new ExportDeclaration(new ExternName(name), ext));
    }

    /// <summary>The index of <paramref name="def"/> here: known, aliased from an enclosing scope, defined now if it
    /// belongs to what this scope encodes, or (anonymous) defined from its structure.</summary>
    public uint IndexOf(WitTypeDef def)
    {
        if (TryKnown(def, out uint i)) return i;
        if (def.Name is not null && Subject is not null && def.Owner == Subject && DefineNamed is not null)
            return Types[def] = DefineNamed(def);
        uint depth = 1;
        for (var s = Parent; s is not null; s = s.Parent, depth++)
            if (s.TryKnown(def, out uint outer))
                return Types[def] = AliasOuter(depth, outer);
        if (def.Name is not null)
        {
            if (DefineNamed is null)
                throw new WitException(WitErrorKind.Invalid, $"type `{def.Name}` is used where it is not in scope (its interface is not imported)");
            return Types[def] = DefineNamed(def);
        }
        var t = Structural(def.Kind);
        string key = Key(t);
        if (!_anonymous.TryGetValue(key, out i)) _anonymous[key] = i = Define(t);
        return Types[def] = i;
    }

    public ComponentValType Val(WitType t) =>
        t.Def is { } d ? ComponentValType.Ref(IndexOf(d)) : ComponentValType.Of(WitType.ComponentPrimitives[(int)t.Primitive]);

    private ComponentValType? Val(WitType? t) => t is { } v ? Val(v) : null;

    /// <summary>The component-model definition of a type's structure (children encoded first).</summary>
    public DefinedType Structural(WitTypeDefKind kind) => kind switch
    {
        WitRecordKind r => new RecordType([.. r.Fields.Select(f => new LabeledType(f.Name, Val(f.Type)))]),
        WitVariantKind v => new VariantType([.. v.Cases.Select(c => new VariantCase(c.Name, Val(c.Type)))]),
        WitEnumKind e => new EnumType([.. e.Cases.Select(c => c.Name)]),
        WitFlagsKind f => new FlagsType([.. f.Flags.Select(c => c.Name)]),
        WitTupleKind t => new TupleType([.. t.Types.Select(Val)]),
        WitListKind l => new ListType(Val(l.Element)),
        WitFixedListKind fl => new FixedListType(Val(fl.Element), fl.Length),
        WitMapKind m => new MapType(Val(m.Key), Val(m.Value)),
        WitOptionKind o => new OptionType(Val(o.Type)),
        WitResultKind r => new ResultType(Val(r.Ok), Val(r.Err)),
        WitFutureKind f => new FutureType(Val(f.Type)),
        WitStreamKind s => new StreamType(Val(s.Type)),
        WitHandleKind { Borrow: true } h => new BorrowType(IndexOf(h.Resource)),
        WitHandleKind h => new OwnType(IndexOf(h.Resource)),
        WitAliasKind { Target: { IsPrimitive: true } p } => new PrimitiveDefinedType(WitType.ComponentPrimitives[(int)p.Primitive]),
        _ => throw new WitException(WitErrorKind.Invalid, $"a {kind.GetType().Name} has no structural encoding"),
    };

    private static string Key(DefinedType t) => t switch
    {
        RecordType r => "record(" + string.Join(",", r.Fields.Select(f => f.Label + ":" + f.Type)) + ")",
        VariantType v => "variant(" + string.Join(",", v.Cases.Select(c => c.Label + ":" + c.Type)) + ")",
        EnumType e => "enum(" + string.Join(",", e.Names) + ")",
        FlagsType f => "flags(" + string.Join(",", f.Names) + ")",
        TupleType tu => "tuple(" + string.Join(",", tu.Types) + ")",
        ListType l => $"list({l.Element})",
        FixedListType fl => $"list({fl.Element},{fl.Length})",
        MapType m => $"map({m.Key},{m.Value})",
        OptionType o => $"option({o.Type})",
        ResultType r => $"result({r.Ok},{r.Error})",
        FutureType f => $"future({f.Element})",
        StreamType s => $"stream({s.Element})",
        OwnType o => $"own({o.ResourceIndex})",
        BorrowType b => $"borrow({b.ResourceIndex})",
        PrimitiveDefinedType p => $"prim({p.Type})",
        _ => t.GetType().Name,
    };

    /// <summary>A function's type, defined (once per structure) in this scope.</summary>
    public uint FuncType(WitFunction f)
    {
        var ps = f.Params.Select(p => new LabeledType(p.Name, Val(p.Type))).ToList();
        var result = Val(f.Result);
        string key = $"func{(f.Async ? " async" : "")}(" + string.Join(",", ps.Select(p => p.Label + ":" + p.Type)) + ")->" + result;
        if (!_anonymous.TryGetValue(key, out uint i)) _anonymous[key] = i = Define(new ComponentFuncType(ps, result, f.Async));
        return i;
    }
}
