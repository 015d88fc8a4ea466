using BbuPool.Migration.Hosting;
using BbuPool.Migration.Protocol;
using BbuPool.Transport;

namespace BbuPool.Migration.Benchmarking;

/// <summary>
/// Runs both ends of one migration in this process over a link pair and measures it from the
/// outside: downtime from the source's last TTI to the destination's first, TTIs missed on both
/// sides, bytes both ways. Used by the tests and by `bbupool bench migration`.
/// </summary>
public static class LocalMigration
{
    /// <summary>Migrates the stack in <paramref name="source"/> to <paramref name="destination"/> over the two ends of one link.</summary>
    public static async Task<MigrationOutcome> RunAsync(
        StackHost source,
        MigrationDestination destination,
        ITransportLink sourceLink,
        ITransportLink destinationLink,
        MigrationOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(options);
        long missesBefore = source.DeadlineMisses;
        var engine = new MigrationSource(source, options);
        var dstTask = Task.Run(() => destination.RunAsync(destinationLink, cancellationToken), cancellationToken);
        var srcResult = await engine.RunAsync(sourceLink, cancellationToken);
        var dstResult = await dstTask;
        return Measure(source, destination, srcResult, dstResult, missesBefore);
    }

    /// <summary>Combines both ends' results with the hosts' timestamps.</summary>
    public static MigrationOutcome Measure(StackHost source, MigrationDestination destination, MigrationResult src, MigrationResult dst, long sourceMissesBefore)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(src);
        ArgumentNullException.ThrowIfNull(dst);
        var time = source.Time;
        double downtime = 0;
        long destinationTotal = 0;
        var sourceMisses = source.MissesSince(sourceMissesBefore, out long sourceTotal);
        long missed = sourceTotal - sourceMissesBefore;
        var misses = new List<MissedTti>();
        Attribute(misses, MigrationEnd.Source, sourceMisses, src.Phases, time.TimestampFrequency);
        if (src.Committed && dst.Committed && destination.Host is { } host)
        {
            // Wait for the destination's first active TTI (it may still be catching up after commit).
            var spin = default(SpinWait);
            long give = time.GetTimestamp() + time.TimestampFrequency;
            while (host.FirstClockedTimestamp == 0 && time.GetTimestamp() < give && host.Fault is null)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }

            // Downtime is how much later the destination began the first TTI after the stop than
            // the source would have: at that TTI's slot on the cell's grid, or, for a source
            // already running behind its grid, right after its last TTI. A TTI served on time
            // costs nothing; a TTI skipped counts its whole period. (From the source's last
            // completion to the destination's first, minus a period, would charge the difference
            // of two TTIs' compute times, hundreds of microseconds at 70 % load; from the slot
            // alone, a source's backlog from before the migration.)
            long due = Math.Max(host.Clock.StartOf(src.StopTti + 1), src.StopTimestamp);
            downtime = host.FirstClockedStartTimestamp == 0 ? 0 : Math.Max(0, (double)(host.FirstClockedStartTimestamp - due) / time.TimestampFrequency);
            // Then until it is back on its grid: a destination that began late runs the slots it
            // owes back to back, each a miss that this migration's downtime caused and that
            // belongs in its count (read sooner, they fell to whatever the caller did next).
            while (host.Clock.Period > TimeSpan.Zero && host.LastTti < host.Clock.TtiAt(time.GetTimestamp()) - 1
                && time.GetTimestamp() < give && host.Fault is null && host.IsRunning)
            {
                spin.SpinOnce();
            }

            var destinationMisses = host.MissesSince(0, out destinationTotal);
            missed += destinationTotal;
            Attribute(misses, MigrationEnd.Destination, destinationMisses, src.Phases, time.TimestampFrequency);
        }

        double total = (double)(Math.Max(src.EndTimestamp, dst.EndTimestamp) - src.StartTimestamp) / time.TimestampFrequency;
        return new MigrationOutcome(src, dst, total, downtime, src.BytesSent + dst.BytesSent, missed)
        {
            PhaseOffsetsMs = src.Phases.Select(m => (m.Phase, (double)(m.Timestamp - src.StartTimestamp) * 1e3 / time.TimestampFrequency)).ToArray(),
            Misses = misses,
            SourceMissCountBefore = sourceMissesBefore,
            SourceMissCountAfter = sourceTotal,
            DestinationMissCountAfter = destinationTotal,
        };
    }

    /// <summary>Places each miss in the source's phase at its slot's start (Idle before the first mark).</summary>
    internal static void Attribute(List<MissedTti> into, MigrationEnd end, TtiMiss[] misses, IReadOnlyList<PhaseMark> phases, long frequency)
    {
        double us = 1e6 / frequency;
        foreach (var miss in misses)
        {
            var phase = MigrationPhase.Idle;
            foreach (var mark in phases)
            {
                if (mark.Timestamp > miss.SlotStart)
                {
                    break;
                }

                phase = mark.Phase;
            }

            into.Add(new MissedTti(end, phase, (miss.Started - miss.SlotStart) * us, (miss.Finished - miss.Started) * us));
        }
    }
}
