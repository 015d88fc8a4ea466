namespace BbuPool.Scheduling.Framework;

/// <summary>Order in which the capacity buckets are walked to find candidate nodes.</summary>
public enum NodeOrder
{
    /// <summary>Tightest nodes first (best fit): placement and consolidation pack.</summary>
    BestFit,

    /// <summary>Emptiest nodes first (worst fit): relieving a hot node spreads.</summary>
    WorstFit,
}
