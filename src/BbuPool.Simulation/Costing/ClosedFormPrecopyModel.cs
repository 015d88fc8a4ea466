using BbuPool.Core.Migration;

namespace BbuPool.Simulation.Costing;

/// <summary>
/// Fallback migration pricing: the pre-copy convergence law of seed 003. Round i sends
/// V_i = V0 (δ/μ)^i; stop when the residual fits the downtime budget or after
/// <see cref="MaxRounds"/>; downtime = residual / μ + half a TTI (wait for the boundary) +
/// one control round trip. Stateless stacks start make-before-break with no downtime beyond
/// the TTI boundary. The migration engine's calibrated model replaces this when present.
/// </summary>
public sealed class ClosedFormPrecopyModel : IMigrationCostModel
{
    /// <summary>QEMU's default pre-copy iteration cap is 30 rounds.</summary>
    public const int MaxRounds = 30;

    /// <summary>Control round trip between the two agents (stop, ack): 50 µs on a local fabric.</summary>
    public const double ControlRoundTripSeconds = 50e-6;

    /// <inheritdoc />
    public MigrationEstimate Estimate(in MigrationRequest request)
    {
        var boundaryWait = request.TtiSeconds / 2;
        if (!request.Stateful || request.StateBytes == 0)
        {
            return new MigrationEstimate(MigrationMethod.Stateless, ControlRoundTripSeconds + boundaryWait, 0, 0, 0);
        }

        var mu = request.LinkBytesPerSecond;
        var delta = request.DirtyBytesPerSecond;
        double residual = request.StateBytes;
        double sent = 0;
        double total = 0;
        for (var round = 0; round < MaxRounds; round++)
        {
            if (residual / mu <= request.DowntimeBudgetSeconds)
            {
                break;
            }

            var roundSeconds = residual / mu;
            sent += residual;
            total += roundSeconds;
            // What the stack dirtied while this round was on the wire, bounded by the state size.
            var next = Math.Min(request.StateBytes, delta * roundSeconds);
            if (next >= residual)
            {
                residual = next;
                break; // δ >= μ: pre-copy does not converge; stop and copy what is left.
            }

            residual = next;
        }

        var stopCopy = residual / mu;
        var downtime = stopCopy + ControlRoundTripSeconds;
        sent += residual;
        total += stopCopy + boundaryWait + ControlRoundTripSeconds;
        var missed = (int)Math.Floor(downtime / request.TtiSeconds);
        return new MigrationEstimate(MigrationMethod.Precopy, total, downtime, (long)sent, missed);
    }
}
