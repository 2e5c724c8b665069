namespace Kiln.Codegen;

/// <summary>What a backend cannot compile yet (see <see cref="UnsupportedFeatureException"/>).</summary>
public enum UnsupportedFeature : byte
{
    /// <summary>Vector (v128) values or operations.</summary>
    Simd,
    /// <summary>Some other IR operation this target does not lower.</summary>
    Operation,
}
