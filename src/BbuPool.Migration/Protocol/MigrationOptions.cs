using BbuPool.Core.Migration;
using BbuPool.Transport;

namespace BbuPool.Migration.Protocol;

/// <summary>Tuning of one migration, shared by source and destination (docs/migration-protocol.md).</summary>
public sealed class MigrationOptions
{
    /// <summary>The method (resolve <see cref="MigrationMethod.Auto"/> with the selector first).</summary>
    public MigrationMethod Method { get; set; } = MigrationMethod.Precopy;

    /// <summary>Migration id (logs, hello, commit).</summary>
    public string MigrationId { get; set; } = "m-1";

    /// <summary>Cell whose stack moves.</summary>
    public string CellId { get; set; } = "cell-1";

    /// <summary>Source node id.</summary>
    public string SourceNodeId { get; set; } = "src";

    /// <summary>Destination node id.</summary>
    public string TargetNodeId { get; set; } = "dst";

    /// <summary>Shared HMAC-SHA256 key, at least 32 bytes; both ends must hold the same.</summary>
    public byte[] SharedKey { get; set; } = [];

    /// <summary>Largest acceptable hello clock skew / age: 30 s.</summary>
    public TimeSpan HelloMaxSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Downtime budget for the pre-copy stop rule (1 ms: one LTE TTI).</summary>
    public TimeSpan DowntimeBudget { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Most live rounds (QEMU-like limit: 30).</summary>
    public int MaxRounds { get; set; } = 30;

    /// <summary>Rounds in a row without the dirty set shrinking before non-convergence is declared.</summary>
    public int NonConvergenceRounds { get; set; } = 3;

    /// <summary>On non-convergence, throttle the stack's non-real-time work (as QEMU auto-converge) instead of stopping.</summary>
    public bool AutoConverge { get; set; }

    /// <summary>On non-convergence (after auto-converge, if on), abort instead of stopping with a large residual.</summary>
    public bool AbortOnNonConvergence { get; set; }

    /// <summary>Pre-copy rounds before hybrid switches to post-copy.</summary>
    public int HybridRounds { get; set; } = 1;

    /// <summary>Matching consecutive outputs before the hot-standby switch (seed 002: N).</summary>
    public int ReviewTtis { get; set; } = 10;

    /// <summary>
    /// Hot standby: TTIs between agreeing the switch and the switch itself. It must cover the
    /// switch frame's flight and the destination's wake-up with room for a loaded host: 10 TTIs
    /// (10 ms of LTE) against tens of microseconds on an idle one; a switch that arrives late is
    /// refused and the source runs on.
    /// </summary>
    public int SwitchLeadTtis { get; set; } = 10;

    /// <summary>Send all-zero pages as a marker, without data.</summary>
    public bool ZeroPageElision { get; set; } = true;

    /// <summary>Send re-sent pages as XBZRLE deltas against the last sent copy.</summary>
    public bool DeltaEncoding { get; set; } = true;

    /// <summary>Bound of the delta cache (bytes of last-sent copies kept): 64 MiB, as QEMU's default xbzrle cache.</summary>
    public long DeltaCacheBytes { get; set; } = 64L << 20;

    /// <summary>Per-migration bandwidth cap in bytes/s; 0 = none.</summary>
    public double RateLimitBytesPerSecond { get; set; }

    /// <summary>Most pages per pages frame (64 x 4 KiB = 256 KiB, the wire's usual batch).</summary>
    public int BatchPages { get; set; } = 64;

    /// <summary>Post-copy: TTIs to watch writes before the stop, to seed the hot-page history of the predictor.</summary>
    public int HotWindowTtis { get; set; } = 8;

    /// <summary>Post-copy: pages after a faulted page pushed next (spatial locality).</summary>
    public int PrepagingWindow { get; set; } = 16;

    /// <summary>Post-copy: the destination throttles the stack's non-real-time work while pages are missing.</summary>
    public bool FaultThrottling { get; set; } = true;

    /// <summary>Post-copy: how long a faulting TTI waits for its page before the stack fails (covers a link recovery).</summary>
    public TimeSpan FaultTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Post-copy (PostCopyFT): every this many TTIs the running destination sends the pages it
    /// dirtied back to the source, a consistent cut taken at a TTI boundary, so a destination that
    /// fails before every page arrived costs the TTIs since the last checkpoint, not the stack.
    /// 10 TTIs (10 ms of LTE) keeps a checkpoint to the pages one burst of UEs writes; 0 turns it off.
    /// </summary>
    public int ReverseCheckpointTtis { get; set; } = 10;

    /// <summary>Whole-migration timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Post-copy link recovery: makes a new link to the peer (the source listens again, the
    /// destination connects); null = no recovery.
    /// </summary>
    public Func<CancellationToken, ValueTask<ITransportLink>>? Reconnect { get; set; }
}
