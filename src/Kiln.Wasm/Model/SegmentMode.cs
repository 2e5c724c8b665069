namespace Kiln.Wasm.Model;

public enum SegmentMode : byte
{
    /// <summary>Copied into a table or memory at instantiation.</summary>
    Active,
    /// <summary>Used only by table.init / memory.init.</summary>
    Passive,
    /// <summary>Element segments only: declares functions that ref.func may name; dropped at instantiation.</summary>
    Declarative,
}
