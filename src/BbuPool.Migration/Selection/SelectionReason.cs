namespace BbuPool.Migration.Selection;

/// <summary>Why the selector picked its method.</summary>
public enum SelectionReason
{
    /// <summary>The stack is stateless: make-before-break, nothing to copy.</summary>
    Stateless,

    /// <summary>The operator forced the method (--method).</summary>
    Overridden,

    /// <summary>Pre-copy converges within the budget and costs least.</summary>
    PrecopyConverges,

    /// <summary>Writes outpace the rounds: each page sent once after the stop costs least.</summary>
    WritesOutpaceRounds,

    /// <summary>Only a synchronised replica meets the downtime budget.</summary>
    OnlyReplicaMeetsBudget,

    /// <summary>Several methods meet the budget; this one has the least time and bytes.</summary>
    LeastCost,

    /// <summary>No method meets the budget; the least downtime wins.</summary>
    NoMethodMeetsBudget,
}
