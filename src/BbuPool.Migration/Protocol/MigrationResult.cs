using BbuPool.Core.Migration;
using BbuPool.Wire.Frames;

namespace BbuPool.Migration.Protocol;

/// <summary>What one side saw of a migration.</summary>
public sealed record MigrationResult
{
    /// <summary>The method run.</summary>
    public MigrationMethod Method { get; init; }

    /// <summary>True when committed.</summary>
    public bool Committed { get; init; }

    /// <summary>Abort reason when not committed.</summary>
    public AbortReason? AbortReason { get; init; }

    /// <summary>Abort detail.</summary>
    public string? Message { get; init; }

    /// <summary>Live rounds (pre-copy family; round 0 included).</summary>
    public int Rounds { get; init; }

    /// <summary>False when the stop was forced by non-convergence or the round limit.</summary>
    public bool Converged { get; init; } = true;

    /// <summary>Final auto-converge throttle applied (0 = none).</summary>
    public double Throttle { get; init; }

    /// <summary>Bytes this side sent (frames, envelopes included).</summary>
    public long BytesSent { get; init; }

    /// <summary>Bytes this side received.</summary>
    public long BytesReceived { get; init; }

    /// <summary>Pages sent (all encodings).</summary>
    public long PagesSent { get; init; }

    /// <summary>Pages sent as zero markers.</summary>
    public long ZeroPages { get; init; }

    /// <summary>Pages sent as XBZRLE deltas.</summary>
    public long DeltaPages { get; init; }

    /// <summary>Post-copy pages the destination faulted on (demand requests).</summary>
    public long DemandFaults { get; init; }

    /// <summary>Last TTI done at the source (the stop / switch point), -1 if none.</summary>
    public long StopTti { get; init; } = -1;

    /// <summary>Timestamp of the source's last TTI (TimeProvider).</summary>
    public long StopTimestamp { get; init; }

    /// <summary>Start of the migration (TimeProvider timestamp).</summary>
    public long StartTimestamp { get; init; }

    /// <summary>When this side finished (TimeProvider timestamp).</summary>
    public long EndTimestamp { get; init; }

    /// <summary>Bandwidth measured over the page rounds (bytes/s), 0 when none.</summary>
    public double MeasuredBytesPerSecond { get; init; }

    /// <summary>Source end: each phase it entered and when, in order (empty at the destination).</summary>
    public IReadOnlyList<PhaseMark> Phases { get; init; } = [];

    /// <summary>Per-round figures (pre-copy family), for the convergence curve.</summary>
    public IReadOnlyList<RoundRecord> RoundLog { get; init; } = [];

    /// <summary>Link recoveries performed (post-copy).</summary>
    public int Recoveries { get; init; }

    /// <summary>Post-copy: reverse checkpoints the destination sent (destination end) or the source applied (source end).</summary>
    public int ReverseCheckpoints { get; init; }

    /// <summary>Source end: the TTI it resumed at after a destination failure in post-copy (checkpoint + 1), or -1.</summary>
    public long ResumedAtTti { get; init; } = -1;
}
