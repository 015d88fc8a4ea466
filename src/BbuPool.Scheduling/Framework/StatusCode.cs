namespace BbuPool.Scheduling.Framework;

/// <summary>Outcome of one extension point; each code says what happens to the cell's retries.</summary>
public enum StatusCode
{
    /// <summary>The step passed; the cycle goes on to the next extension point.</summary>
    Success,

    /// <summary>
    /// This node cannot take the cell now but could once capacity frees (cores, memory, NIC). The
    /// node is skipped; when no node passes, PostFilter runs (it may request a wake) and the cell is
    /// retried at the next step.
    /// </summary>
    Unschedulable,

    /// <summary>
    /// The node can never take the cell in its current state (wrong arch, a stack too big for its
    /// NUMA domain, a fronthaul link over budget): nothing freed on that node would help. When it
    /// comes from PreFilter the whole cycle ends there (no node is walked, no PostFilter); when no
    /// node fits, the pool-level PostFilter still runs (waking a node of the right arch can help).
    /// The cell is retried at the next step, when events may have changed things.
    /// </summary>
    UnschedulableAndUnresolvable,

    /// <summary>An internal failure (a plugin threw, the pool refused a bind). The cycle aborts, reservations are released, the error is logged and the cell is retried at the next step.</summary>
    Error,

    /// <summary>Permit holds the binding (a migration concurrency limit is reached). Reservations are released and the cell is retried at the next step, ahead of new work.</summary>
    Wait,

    /// <summary>The plugin does not apply to this cell (a cell with no CoMP cluster): its later extension points are skipped for this cycle. Never a failure, never retried.</summary>
    Skip,
}
