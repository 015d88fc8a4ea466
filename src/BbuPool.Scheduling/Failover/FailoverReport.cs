namespace BbuPool.Scheduling.Failover;

/// <summary>What the last failover pass did with the cells of failed nodes.</summary>
/// <param name="AtSeconds">When.</param>
/// <param name="Promoted">Cells that switched to their hot-standby replica (no state loss).</param>
/// <param name="Replaced">Cells re-placed from scratch on another node.</param>
/// <param name="NotPlaced">Cells no node could take (retried every step; capacity is requested).</param>
public sealed record FailoverReport(double AtSeconds, IReadOnlyList<int> Promoted, IReadOnlyList<int> Replaced, IReadOnlyList<int> NotPlaced)
{
    /// <summary>No failover yet.</summary>
    public static FailoverReport Empty { get; } = new(0, [], [], []);
}
