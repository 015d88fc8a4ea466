namespace BbuPool.Migration.Selection;

/// <summary>What kind of workload is moving (seed 004: read- vs write-intensive, by dirty rate against the link).</summary>
public enum WorkloadClass
{
    /// <summary>No state to move.</summary>
    Stateless,

    /// <summary>CPU- or network-bound, few writes: dirty rate under 10 % of the link; pre-copy converges fast.</summary>
    ReadIntensive,

    /// <summary>Memory-write intensive: dirty rate 10-100 % of the link; pre-copy re-sends a lot.</summary>
    WriteIntensive,

    /// <summary>Dirty rate at or above the link: pre-copy cannot converge.</summary>
    NonConvergent,
}
