using BbuPool.Core.Migration;
using BbuPool.Core.Model;
using BbuPool.Scenarios.Traffic;

namespace BbuPool.Scenarios.Loading;

/// <summary>The spellings scenario files use for enumerations.</summary>
internal static class Names
{
    /// <summary>RAT names.</summary>
    public static readonly IReadOnlyDictionary<string, Rat> Rats = new Dictionary<string, Rat>
    {
        ["gsm"] = Rat.Gsm,
        ["umts"] = Rat.Umts,
        ["lte"] = Rat.Lte,
        ["nr"] = Rat.Nr,
    };

    /// <summary>Architecture names as `uname -m` prints them (aliases accepted by <see cref="CpuArchNames.TryParse"/> too).</summary>
    public static readonly IReadOnlyDictionary<string, CpuArch> Archs = new Dictionary<string, CpuArch>
    {
        ["x86_64"] = CpuArch.X64,
        ["aarch64"] = CpuArch.Arm64,
        ["amd64"] = CpuArch.X64,
        ["arm64"] = CpuArch.Arm64,
    };

    /// <summary>Migration method names.</summary>
    public static readonly IReadOnlyDictionary<string, MigrationMethod> MigrationMethods = new Dictionary<string, MigrationMethod>
    {
        ["auto"] = MigrationMethod.Auto,
        ["precopy"] = MigrationMethod.Precopy,
        ["postcopy"] = MigrationMethod.Postcopy,
        ["hybrid"] = MigrationMethod.Hybrid,
        ["redundancy"] = MigrationMethod.Redundancy,
        ["hotstandby"] = MigrationMethod.HotStandby,
        ["stateless"] = MigrationMethod.Stateless,
        ["stopandcopy"] = MigrationMethod.StopAndCopy,
    };

    /// <summary>Tidal day shapes.</summary>
    public static readonly IReadOnlyDictionary<string, TidalKind> TidalKinds = new Dictionary<string, TidalKind>
    {
        ["business"] = TidalKind.Business,
        ["residential"] = TidalKind.Residential,
    };
}
