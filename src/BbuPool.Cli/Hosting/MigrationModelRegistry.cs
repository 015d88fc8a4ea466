using BbuPool.Core.Migration;
using BbuPool.Migration.Model;
using BbuPool.Simulation;
using BbuPool.Simulation.Costing;

namespace BbuPool.Cli.Hosting;

/// <summary>Migration cost models by name (`--migration-model`).</summary>
internal sealed class MigrationModelRegistry
{
    /// <summary>The migration engine's calibrated, workload-aware model.</summary>
    public const string DefaultName = "engine";

    /// <summary>Known names.</summary>
    public static IEnumerable<string> Names => [DefaultName, "closed-form"];

    /// <summary>Creates the named model for a run, or returns false for an unknown name.</summary>
#pragma warning disable CA1822 // Instance method: the registry is a DI service like the scheduler registry.
    public bool TryCreate(string name, SimulationSettings settings, out IMigrationCostModel? model)
#pragma warning restore CA1822
    {
        ArgumentNullException.ThrowIfNull(settings);
        model = name.ToLowerInvariant() switch
        {
            DefaultName => new MigrationCostModel(new MigrationCostModelOptions { DefaultLinkBytesPerSecond = settings.MigrationLinkGbps * 1e9 / 8 }),
            "closed-form" => new ClosedFormPrecopyModel(),
            _ => null,
        };
        return model is not null;
    }
}
