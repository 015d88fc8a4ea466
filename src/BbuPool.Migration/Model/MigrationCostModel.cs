using BbuPool.Core.Migration;
using BbuPool.Migration.Selection;

namespace BbuPool.Migration.Model;

/// <summary>
/// Closed-form cost of every migration method (docs/migration.md, "Model"), calibrated by
/// <see cref="MigrationCostModelOptions"/>. Allocation-free: the simulator calls it for every
/// planned move. <see cref="MigrationMethod.Auto"/> resolves through the workload-aware choice.
/// </summary>
public sealed partial class MigrationCostModel : IMigrationCostModel
{
    /// <summary>Methods the selector considers for a stateful stack, in tie-break order.</summary>
    internal static readonly MigrationMethod[] StatefulMethods =
    [
        MigrationMethod.Precopy,
        MigrationMethod.Hybrid,
        MigrationMethod.Postcopy,
        MigrationMethod.HotStandby,
        MigrationMethod.Redundancy,
        MigrationMethod.StopAndCopy,
    ];

    private readonly MigrationCostModelOptions _options;

    /// <summary>Creates a model with the given calibration.</summary>
    public MigrationCostModel(MigrationCostModelOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>Creates a model with the default calibration.</summary>
    public MigrationCostModel()
        : this(new MigrationCostModelOptions())
    {
    }

    /// <summary>The calibration.</summary>
    public MigrationCostModelOptions Options => _options;

    /// <inheritdoc />
    public MigrationEstimate Estimate(in MigrationRequest request) =>
        request.Method == MigrationMethod.Auto ? Select(request).Estimate : EstimateMethod(request.Method, request);

    /// <summary>The workload-aware choice (seed 004) with its rationale; no allocation.</summary>
    public MigrationSelection Select(in MigrationRequest request)
    {
        var workload = Classify(request);
        if (!request.Stateful)
        {
            var est = EstimateMethod(MigrationMethod.Stateless, request);
            return new MigrationSelection(MigrationMethod.Stateless, est, workload, SelectionReason.Stateless, MigrationMethod.Stateless, default);
        }

        if (request.Method != MigrationMethod.Auto)
        {
            var forced = EstimateMethod(request.Method, request);
            return new MigrationSelection(request.Method, forced, workload, SelectionReason.Overridden, request.Method, default);
        }

        // Normalise time and bytes by the best feasible figure, so that the score weighs "2x the
        // time" against "2x the bytes" whatever the state size.
        double minTime = double.PositiveInfinity;
        double minBytes = double.PositiveInfinity;
        bool anyFeasible = false;
        foreach (var m in StatefulMethods)
        {
            var e = EstimateMethod(m, request);
            if (IsFeasible(e, request))
            {
                anyFeasible = true;
                minTime = Math.Min(minTime, e.TotalSeconds);
                minBytes = Math.Min(minBytes, Math.Max(1, e.BytesOnWire));
            }
        }

        MigrationMethod best = MigrationMethod.StopAndCopy;
        MigrationMethod second = MigrationMethod.StopAndCopy;
        MigrationEstimate bestEst = default;
        MigrationEstimate secondEst = default;
        double bestScore = double.PositiveInfinity;
        double secondScore = double.PositiveInfinity;
        foreach (var m in StatefulMethods)
        {
            var e = EstimateMethod(m, request);
            double score;
            if (anyFeasible)
            {
                if (!IsFeasible(e, request))
                {
                    continue;
                }

                score = (e.TotalSeconds / minTime) + (_options.BytesWeight * Math.Max(1, e.BytesOnWire) / minBytes)
                    + (m == MigrationMethod.HotStandby ? _options.HotStandbyResourcePenalty : 0);
            }
            else
            {
                // Nothing meets the budget: least downtime wins, among moves that end (a replica
                // of a saturated stack never catches up: its downtime is short, its total infinite).
                score = double.IsFinite(e.TotalSeconds) ? e.DowntimeSeconds : double.PositiveInfinity;
            }

            if (score < bestScore)
            {
                second = best;
                secondEst = bestEst;
                secondScore = bestScore;
                best = m;
                bestEst = e;
                bestScore = score;
            }
            else if (score < secondScore)
            {
                second = m;
                secondEst = e;
                secondScore = score;
            }
        }

        var reason = !anyFeasible ? SelectionReason.NoMethodMeetsBudget : ReasonFor(best, workload);
        return new MigrationSelection(best, bestEst, workload, reason, second, secondEst);
    }

    /// <summary>Classifies the workload by its dirty rate against the link (seed 004: read- vs write-intensive).</summary>
    public WorkloadClass Classify(in MigrationRequest request)
    {
        if (!request.Stateful)
        {
            return WorkloadClass.Stateless;
        }

        double ratio = request.DirtyBytesPerSecond / Link(request);
        return ratio >= 1.0 ? WorkloadClass.NonConvergent
            : ratio >= WriteIntensiveRatio ? WorkloadClass.WriteIntensive
            : WorkloadClass.ReadIntensive;
    }

    /// <summary>Predicts one given method.</summary>
    public MigrationEstimate EstimateMethod(MigrationMethod method, in MigrationRequest request) => method switch
    {
        MigrationMethod.StopAndCopy => StopAndCopy(request),
        MigrationMethod.Precopy => PlanPrecopy(request).Estimate,
        MigrationMethod.Postcopy => Postcopy(request),
        MigrationMethod.Hybrid => Hybrid(request),
        MigrationMethod.Redundancy => Redundancy(request),
        MigrationMethod.HotStandby => HotStandby(request),
        MigrationMethod.Stateless => Stateless(request),
        MigrationMethod.Auto => Select(request).Estimate,
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>True when the estimate is finite and meets the request's downtime budget.</summary>
    public static bool IsFeasible(in MigrationEstimate estimate, in MigrationRequest request) =>
        double.IsFinite(estimate.TotalSeconds) && estimate.DowntimeSeconds <= request.DowntimeBudgetSeconds;

    private static SelectionReason ReasonFor(MigrationMethod method, WorkloadClass workload) => method switch
    {
        MigrationMethod.Precopy => SelectionReason.PrecopyConverges,
        MigrationMethod.Postcopy or MigrationMethod.Hybrid when workload is WorkloadClass.WriteIntensive or WorkloadClass.NonConvergent => SelectionReason.WritesOutpaceRounds,
        MigrationMethod.HotStandby or MigrationMethod.Redundancy => SelectionReason.OnlyReplicaMeetsBudget,
        _ => SelectionReason.LeastCost,
    };
}
