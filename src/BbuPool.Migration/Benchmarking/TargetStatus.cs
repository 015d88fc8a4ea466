namespace BbuPool.Migration.Benchmarking;

/// <summary>How a target came out.</summary>
public enum TargetStatus
{
    /// <summary>Every measured cell the target covers meets it.</summary>
    Met,

    /// <summary>At least one measured cell misses it (or has no committed run).</summary>
    NotMet,

    /// <summary>The run measured no cell the target covers.</summary>
    NotMeasured,
}
