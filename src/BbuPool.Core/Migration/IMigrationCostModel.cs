namespace BbuPool.Core.Migration;

/// <summary>
/// Predicts what a migration costs. The simulator asks it for every planned move; the migration
/// engine provides the calibrated model (BbuPool.Migration), a closed-form pre-copy law is the fallback.
/// </summary>
public interface IMigrationCostModel
{
    /// <summary>Predicts time, downtime and bytes of one move; resolves <see cref="MigrationMethod.Auto"/>.</summary>
    MigrationEstimate Estimate(in MigrationRequest request);
}
