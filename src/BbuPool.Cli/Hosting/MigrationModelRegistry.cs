using BbuPool.Core.Migration;
using BbuPool.Simulation;
using BbuPool.Simulation.Costing;

namespace BbuPool.Cli.Hosting;

/// <summary>The migration cost model `simulate` prices moves with.</summary>
internal sealed class MigrationModelRegistry
{
    /// <summary>Creates the model for a run with the given link bandwidth.</summary>
#pragma warning disable CA1822 // Instance method: the registry is a DI service and will hold calibration.
    public IMigrationCostModel Create(SimulationSettings settings)
#pragma warning restore CA1822
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new ClosedFormPrecopyModel();
    }
}
