namespace BbuPool.Core.Migration;

/// <summary>Predicted (or measured) cost of one migration.</summary>
/// <param name="Method">The method the figures are for (never <see cref="MigrationMethod.Auto"/>).</param>
/// <param name="TotalSeconds">From the migration's start (its hello, where a model charges one) to commit.</param>
/// <param name="DowntimeSeconds">Last TTI at the source to first TTI at the destination, beyond one TTI period.</param>
/// <param name="BytesOnWire">Bytes sent over the link, all rounds and requests included.</param>
/// <param name="MissedTtis">TTIs whose deadline was missed because of the migration.</param>
public readonly record struct MigrationEstimate(
    MigrationMethod Method,
    double TotalSeconds,
    double DowntimeSeconds,
    long BytesOnWire,
    int MissedTtis);
