using BbuPool.Core.Migration;

namespace BbuPool.Migration.Model;

/// <summary>Per-method formulas.</summary>
public sealed partial class MigrationCostModel
{
    /// <summary>Dirty rate / bandwidth at and above which a workload counts as write-intensive (10 %).</summary>
    public const double WriteIntensiveRatio = 0.1;

    /// <summary>Pre-copy rounds and stop rule (seed 003): stop when the residual fits the budget, at the round limit, or when the dirty set stops shrinking.</summary>
    public PrecopyPlan PlanPrecopy(in MigrationRequest request)
    {
        double mu = Link(request);
        double state = Resident(request);
        double v0 = Wire(request);
        double rho = _options.ResentPageRatio;
        double fixedStop = (_options.ExecutionStateBytes / mu) + _options.ControlRoundTripSeconds;

        double t = v0 / mu;
        double live = t;
        double bytes = v0;
        double prevSent = v0;
        double dirty = Math.Min(state, request.DirtyBytesPerSecond * t);
        int rounds = 1;
        bool converged = true;
        while (true)
        {
            double sendFinal = dirty * rho;
            if ((sendFinal / mu) + fixedStop <= request.DowntimeBudgetSeconds)
            {
                break;
            }

            if (sendFinal >= prevSent || rounds >= _options.MaxPrecopyRounds)
            {
                converged = false;
                break;
            }

            t = sendFinal / mu;
            live += t;
            bytes += sendFinal;
            prevSent = sendFinal;
            dirty = Math.Min(state, request.DirtyBytesPerSecond * t);
            rounds++;
        }

        double residual = dirty * rho;
        double downtime = (residual / mu) + fixedStop;
        var est = new MigrationEstimate(
            MigrationMethod.Precopy,
            _options.SessionSeconds + live + downtime,
            downtime,
            (long)(bytes + residual + _options.ExecutionStateBytes),
            Missed(downtime, request));
        return new PrecopyPlan(rounds, converged, residual, live, bytes, est);
    }

    private MigrationEstimate StopAndCopy(in MigrationRequest request)
    {
        double mu = Link(request);
        double v0 = Wire(request);
        double downtime = ((v0 + _options.ExecutionStateBytes) / mu) + _options.ControlRoundTripSeconds;
        return new MigrationEstimate(MigrationMethod.StopAndCopy, _options.SessionSeconds + downtime, downtime, (long)v0 + _options.ExecutionStateBytes, Missed(downtime, request));
    }

    // Plain post-copy watches the stack's writes for its hot window before it stops (the predictor's seed).
    private MigrationEstimate Postcopy(in MigrationRequest request) =>
        PostcopyAfter(MigrationMethod.Postcopy, request, _options.PostcopyHotWindowTtis * Math.Max(request.TtiSeconds, 1e-6), 0, Wire(request));

    private MigrationEstimate Hybrid(in MigrationRequest request)
    {
        double mu = Link(request);
        double v0 = Wire(request);
        int rounds = Math.Max(1, _options.HybridPrecopyRounds);
        double live = 0;
        double bytes = 0;
        double send = v0;
        for (int i = 0; i < rounds; i++)
        {
            double t = send / mu;
            live += t;
            bytes += send;
            send = Math.Min(Resident(request), request.DirtyBytesPerSecond * t) * _options.ResentPageRatio;
        }

        return PostcopyAfter(MigrationMethod.Hybrid, request, live, bytes, send);
    }

    /// <summary>Post-copy of <paramref name="missing"/> bytes after <paramref name="live"/> seconds of pre-copy.</summary>
    private MigrationEstimate PostcopyAfter(MigrationMethod method, in MigrationRequest request, double live, double liveBytes, double missing)
    {
        double mu = Link(request);
        double tti = Math.Max(request.TtiSeconds, 1e-6);
        // Pages the stack touches per TTI (its writes; reads of cold pages are not modelled).
        double touchedPerTti = request.DirtyBytesPerSecond * tti / _options.PageSize;
        double missingPages = missing / _options.PageSize;
        double faultsFirstTti = Math.Min(touchedPerTti, missingPages) * (1 - _options.PrepagingHitRatio);
        double stall = faultsFirstTti * _options.FaultSeconds;
        double downtime = (_options.ExecutionStateBytes / mu) + _options.ControlRoundTripSeconds + stall;
        double push = missing / mu;
        // Every fault costs a request on the wire (~64 B) besides the page itself.
        double faultsTotal = Math.Min(missingPages, touchedPerTti * Math.Max(1, push / tti)) * (1 - _options.PrepagingHitRatio);
        double total = _options.SessionSeconds + live + downtime + push + (faultsTotal * _options.FaultSeconds * 0.5);
        int missed = Missed(downtime, request);
        // While pages stream in, each TTI that faults more than its slack misses its deadline.
        if (stall > Slack(request))
        {
            missed += (int)Math.Ceiling(push / tti / 2);
        }

        return new MigrationEstimate(method, total, downtime, (long)(liveBytes + missing + _options.ExecutionStateBytes + (faultsTotal * 64)), missed);
    }

    private MigrationEstimate Redundancy(in MigrationRequest request)
    {
        double mu = Link(request);
        double tti = Math.Max(request.TtiSeconds, 1e-6);
        double v0 = Wire(request);
        // The checkpoint is taken with the stack paused (seed 002: the downtime grows with the state);
        // it copies the pages ever written (PageRegion.CopyFrom skips the rest).
        double checkpoint = Resident(request) / _options.CheckpointBytesPerSecond;
        double transfer = v0 / mu;
        double speedup = ReplaySpeedup(request);
        if (speedup <= 1.0)
        {
            return new MigrationEstimate(MigrationMethod.Redundancy, double.PositiveInfinity, checkpoint, (long)v0, Missed(checkpoint, request));
        }

        // Inputs keep arriving at 1/TTI while the replica replays at speedup/TTI: the backlog of the
        // transfer drains in transfer / (speedup - 1).
        double catchUp = (transfer + checkpoint) / (speedup - 1);
        double downtime = checkpoint + _options.SwitchSeconds;
        // Inputs are forwarded from the checkpoint to the switch, and the replica's output digest
        // (8 B) comes back for each, as in hot-standby.
        double forwarding = checkpoint + transfer + catchUp + _options.SwitchSeconds;
        double total = _options.SessionSeconds + forwarding;
        long bytes = (long)v0 + (long)(forwarding / tti * (_options.InputBytesPerTti + 8));
        return new MigrationEstimate(MigrationMethod.Redundancy, total, downtime, bytes, Missed(downtime, request));
    }

    private MigrationEstimate HotStandby(in MigrationRequest request)
    {
        double mu = Link(request);
        double tti = Math.Max(request.TtiSeconds, 1e-6);
        // Sync: live rounds as pre-copy, but the cut is a local copy of the residual inside a TTI's
        // slack, so the stack never stops; only when the residual does not fit does the cut cost time.
        double slack = Slack(request);
        var plan = PlanPrecopy(request with { DowntimeBudgetSeconds = slack * _options.CutBytesPerSecond / mu });
        double cut = plan.ResidualBytes / _options.CutBytesPerSecond;
        double cutStall = Math.Max(0, cut - slack);
        double send = plan.ResidualBytes / mu;
        double speedup = ReplaySpeedup(request);
        double catchUp = speedup > 1 ? (send + tti) / (speedup - 1) : double.PositiveInfinity;
        double review = _options.ReviewTtis * tti;
        // The switch is agreed SwitchLeadTtis ahead, and the source runs up to it.
        double lead = _options.SwitchLeadTtis * tti;
        double downtime = _options.SwitchSeconds + cutStall;
        double total = _options.SessionSeconds + plan.LiveSeconds + send + catchUp + review + lead + _options.SwitchSeconds;
        long bytes = (long)(plan.LiveBytes + plan.ResidualBytes + _options.ExecutionStateBytes)
            + (long)((catchUp + review + lead + send) / tti * (_options.InputBytesPerTti + 8));
        return new MigrationEstimate(MigrationMethod.HotStandby, total, downtime, bytes, Missed(downtime, request));
    }

    private MigrationEstimate Stateless(in MigrationRequest request)
    {
        double downtime = _options.SwitchSeconds;
        return new MigrationEstimate(MigrationMethod.Stateless, _options.SessionSeconds + _options.StatelessStartSeconds + downtime, downtime, _options.ExecutionStateBytes, 0);
    }

    private double Link(in MigrationRequest request) =>
        request.LinkBytesPerSecond > 0 ? request.LinkBytesPerSecond : _options.DefaultLinkBytesPerSecond;

    /// <summary>The state a move has to carry: the pages ever written when the request knows them, else all of it.</summary>
    private static double Resident(in MigrationRequest request) =>
        request.TouchedBytes > 0 ? Math.Min(request.TouchedBytes, request.StateBytes) : request.StateBytes;

    private double Wire(in MigrationRequest request) => Resident(request) * (1 - _options.ZeroPageFraction);

    /// <summary>
    /// TTIs missed for a downtime beyond the period: the first resumed TTI is late by the downtime;
    /// each catch-up TTI wins back the slack, so misses last until the lateness fits the slack.
    /// </summary>
    private int Missed(double downtime, in MigrationRequest request)
    {
        double slack = Slack(request);
        return downtime <= slack ? 0 : (int)Math.Ceiling((downtime - slack) / slack);
    }

    /// <summary>
    /// What a TTI leaves after the stack's compute (seconds): the measured share when the request
    /// has it, else the calibrated fraction. Floored at 1 % of the TTI, so a saturated stack's
    /// misses stay finite.
    /// </summary>
    private double Slack(in MigrationRequest request)
    {
        double tti = Math.Max(request.TtiSeconds, 1e-6);
        double fraction = request.TtiBusyFraction > 0 ? 1 - request.TtiBusyFraction : _options.TtiSlackFraction;
        return Math.Max(fraction, 0.01) * tti;
    }

    /// <summary>
    /// How much faster than real time a replica replays buffered TTIs: back to back, so one period
    /// per TTI's compute when the request has it, else the calibrated figure.
    /// </summary>
    private double ReplaySpeedup(in MigrationRequest request) =>
        request.TtiBusyFraction > 0 ? 1 / Math.Min(request.TtiBusyFraction, 1) : _options.ReplaySpeedup;
}
