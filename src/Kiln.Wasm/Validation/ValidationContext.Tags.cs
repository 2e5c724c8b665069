using Kiln.Wasm.Model;

namespace Kiln.Wasm.Validation;

public sealed partial class ValidationContext
{
    // A tag's type is a function type whose results are empty (the exception's payload is its parameters).
    private static FuncType[] BuildTagTypes(WasmModule module)
    {
        var tags = new FuncType[module.TotalTagCount];
        for (uint i = 0; i < tags.Length; i++)
        {
            string where = i < module.ImportedTagCount ? $"tag import {i}" : $"tag {i}";
            uint t = module.TagTypeIndex(i);
            if (t >= (uint)module.Types.Count) throw new WasmValidationException($"unknown type {t}", where);
            var ft = module.Types[(int)t];
            if (ft.Results.Length != 0) throw new WasmValidationException("non-empty tag result type", where);
            tags[i] = ft;
        }
        return tags;
    }
}
