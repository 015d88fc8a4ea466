namespace BbuPool.StatePlane;

/// <summary>A plan written by <see cref="PlacementWriter"/> was fenced or conflicted: another writer changed the pool.</summary>
public sealed class PlacementWriteException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PlacementWriteException()
        : base("A placement plan was not applied.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PlacementWriteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public PlacementWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for plan <paramref name="planId"/> and its result.</summary>
    public PlacementWriteException(string planId, CommitResult result)
        : base($"Plan {planId} was not applied: {result?.Outcome} (cell {result?.ConflictCellId}, actual {result?.ActualVersion}).")
    {
        PlanId = planId;
        Result = result;
    }

    /// <summary>The plan that was refused.</summary>
    public string? PlanId { get; }

    /// <summary>Why it was refused.</summary>
    public CommitResult? Result { get; }
}
