using BbuPool.Migration.Protocol;

namespace BbuPool.Migration.Model;

/// <summary>Calibration of <see cref="MigrationCostModel"/>; defaults are the figures measured on this machine class.</summary>
public sealed class MigrationCostModelOptions
{
    // The engine's own defaults, for the figures the model must charge as the engine runs them.
    private static readonly MigrationOptions Engine = new();

    /// <summary>Link bandwidth when a request carries none (bytes/s). 2.5 GB/s: TCP loopback here (DESIGN.md).</summary>
    public double DefaultLinkBytesPerSecond { get; set; } = 2.5e9;

    /// <summary>Page size (bytes).</summary>
    public int PageSize { get; set; } = 4096;

    /// <summary>
    /// Share of the charged pages that are zero and elided on the wire (0..1): of the pages ever
    /// written when the request carries <see cref="BbuPool.Core.Migration.MigrationRequest.TouchedBytes"/>
    /// (pages never written are left out already), else of the whole state.
    /// </summary>
    public double ZeroPageFraction { get; set; }

    /// <summary>Wire size of a re-sent page relative to a full page (XBZRLE-like delta): 1 = no gain.</summary>
    public double ResentPageRatio { get; set; } = 1.0;

    /// <summary>Most pre-copy rounds before the stop is forced (QEMU gives up after ~30 non-converging rounds).</summary>
    public int MaxPrecopyRounds { get; set; } = 30;

    /// <summary>Pre-copy rounds before switching to post-copy in hybrid.</summary>
    public int HybridPrecopyRounds { get; set; } = 1;

    /// <summary>One control round trip (stop/resume handshake): 60 us, a blocking wake-up here costs 25-60 us.</summary>
    public double ControlRoundTripSeconds { get; set; } = 60e-6;

    /// <summary>
    /// The session around every move, outside its downtime: the authenticated hello exchange before
    /// and the commit after, a few wake-ups each. 0.7 ms: stop-and-copy and pre-copy at 4 MiB and
    /// 10 % load spent 0.5-1.0 ms in the two together (phase marks, p50, three bench runs on
    /// 2026-12-03); at 70 % the commit also waits for the destination's apply, 0.9-1.7 ms.
    /// </summary>
    public double SessionSeconds { get; set; } = 0.7e-3;

    /// <summary>Post-copy's watch of the stack's writes before the stop, in TTIs: the engine's default (MigrationOptions.HotWindowTtis, 8).</summary>
    public int PostcopyHotWindowTtis { get; set; } = Engine.HotWindowTtis;

    /// <summary>How far ahead hot-standby agrees its switch, in TTIs: the engine's default (MigrationOptions.SwitchLeadTtis, 10).</summary>
    public int SwitchLeadTtis { get; set; } = Engine.SwitchLeadTtis;

    /// <summary>Execution state sent at the stop (registers, next TTI, clocks): one page.</summary>
    public int ExecutionStateBytes { get; set; } = 4096;

    /// <summary>One demand-page fault: 19 us per 4 KiB fault with a busy pager (DESIGN.md userfaultfd figure).</summary>
    public double FaultSeconds { get; set; } = 19e-6;

    /// <summary>Share of faults the pre-paging predictor turns into hits (page pushed before it is touched).</summary>
    public double PrepagingHitRatio { get; set; } = 0.5;

    /// <summary>Share of the TTI left for stalls before the deadline is missed (the stack uses the rest), when the request has no TtiBusyFraction.</summary>
    public double TtiSlackFraction { get; set; } = 0.5;

    /// <summary>
    /// Redundancy's stop-the-world checkpoint (bytes/s of pages written): 4 GB/s, its pause copied
    /// 3.3-4.7 GB/s at 64 and 256 MiB here (bench phase marks, 2026-12-03); a whole image that
    /// leaves the caches, not memcpy's cache-warm 13-19 GB/s.
    /// </summary>
    public double CheckpointBytesPerSecond { get; set; } = 4e9;

    /// <summary>Hot-standby's cut of the residual dirty pages on the stack thread (bytes/s): memcpy on one core, 13-19 GB/s here; 10 GB/s with margin.</summary>
    public double CutBytesPerSecond { get; set; } = 10e9;

    /// <summary>How much faster than real time a replica replays buffered TTIs (period / processing time), when the request has no TtiBusyFraction.</summary>
    public double ReplaySpeedup { get; set; } = 3.0;

    /// <summary>Bytes of one forwarded TTI input (the reference stack's input descriptor).</summary>
    public int InputBytesPerTti { get; set; } = 64;

    /// <summary>Matching outputs required before the hot-standby switch (review phase, seed 002: N): the engine's default (MigrationOptions.ReviewTtis, 10).</summary>
    public int ReviewTtis { get; set; } = Engine.ReviewTtis;

    /// <summary>The switch itself at a TTI boundary: one control message and a promote, 20 us.</summary>
    public double SwitchSeconds { get; set; } = 20e-6;

    /// <summary>Start-up of a fresh stateless stack at the destination (make-before-break): 50 ms.</summary>
    public double StatelessStartSeconds { get; set; } = 0.05;

    /// <summary>Weight of bytes against time in the selector's score (1 = equal weight of the two ratios).</summary>
    public double BytesWeight { get; set; } = 0.5;

    /// <summary>Score penalty of hot-standby for holding a second copy of the stack during the move.</summary>
    public double HotStandbyResourcePenalty { get; set; } = 0.25;
}
