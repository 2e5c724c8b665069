namespace Kiln.Component.Model;

/// <summary>Section ids of the component binary format (Binary.md, "Component Definitions").</summary>
public enum ComponentSectionId : byte
{
    Custom = 0,
    CoreModule = 1,
    CoreInstance = 2,
    CoreType = 3,
    Component = 4,
    Instance = 5,
    Alias = 6,
    Type = 7,
    Canon = 8,
    Start = 9,
    Import = 10,
    Export = 11,
    Value = 12,
}
