namespace BbuPool.StatePlane;

/// <summary>The answer to one plan commit.</summary>
/// <param name="Outcome">Committed, already committed, conflict or fenced.</param>
/// <param name="Versions">The new version of each move's cell, in move order (removals report the removed version + 1); empty unless committed.</param>
/// <param name="ConflictCellId">On a conflict, the first cell whose version did not match.</param>
/// <param name="ActualVersion">On a conflict, that cell's current version (0 = no placement); when fenced, the current lease token (0 = none).</param>
public sealed record CommitResult(CommitOutcome Outcome, IReadOnlyList<long> Versions, string? ConflictCellId, long ActualVersion)
{
    /// <summary>True when the plan's moves are in the store (now or from an earlier attempt).</summary>
    public bool Succeeded => Outcome is CommitOutcome.Committed or CommitOutcome.AlreadyCommitted;

    /// <summary>A committed result.</summary>
    public static CommitResult Ok(IReadOnlyList<long> versions) => new(CommitOutcome.Committed, versions, null, 0);

    /// <summary>A result for a plan id seen before.</summary>
    public static CommitResult Repeat(IReadOnlyList<long> versions) => new(CommitOutcome.AlreadyCommitted, versions, null, 0);

    /// <summary>A version conflict on <paramref name="cellId"/>.</summary>
    public static CommitResult Conflict(string cellId, long actual) => new(CommitOutcome.VersionConflict, [], cellId, actual);

    /// <summary>A fenced commit; <paramref name="currentToken"/> is the lease token now (0 = none).</summary>
    public static CommitResult FencedOff(long currentToken) => new(CommitOutcome.Fenced, [], null, currentToken);
}
