using BbuPool.Migration.Protocol;

namespace BbuPool.Migration.Benchmarking;

/// <summary>What one cell's measured migrations add up to: their times, bytes, misses and verdicts.</summary>
internal sealed class CellTally
{
    private readonly List<double> _downtimesUs = [];
    private readonly List<double> _totalsMs = [];
    private readonly List<double> _rounds = [];
    private readonly List<double> _bandwidths = [];
    private readonly Dictionary<MigrationPhase, List<double>> _phases = [];
    private readonly List<MissedTti> _misses = [];

    /// <summary>Migrations measured (the discarded first is not).</summary>
    public int Runs { get; private set; }

    /// <summary>Of those, committed.</summary>
    public int Committed { get; private set; }

    /// <summary>Of those, abandoned under the watchdog.</summary>
    public int TimedOut { get; private set; }

    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);

    /// <summary>Why the others failed, and how often.</summary>
    public IReadOnlyDictionary<string, int> Failures => _failures;

    /// <summary>Bytes on the wire, all measured migrations.</summary>
    public double Wire { get; private set; }

    /// <summary>Wall time inside migrations (ms).</summary>
    public double MigratingMs { get; private set; }

    /// <summary>TTIs missed in migrations, both ends.</summary>
    public long Missed { get; private set; }

    /// <summary>Downtime per committed migration (us).</summary>
    public IReadOnlyList<double> DowntimesUs => _downtimesUs;

    /// <summary>Total time per migration that came back (ms).</summary>
    public IReadOnlyList<double> TotalsMs => _totalsMs;

    /// <summary>Rounds per migration that came back.</summary>
    public IReadOnlyList<double> Rounds => _rounds;

    /// <summary>The source's measured page rate per migration that measured one (bytes/s).</summary>
    public IReadOnlyList<double> Bandwidths => _bandwidths;

    /// <summary>Each missed TTI, where it fell.</summary>
    public IReadOnlyList<MissedTti> Misses => _misses;

    /// <summary>A measured migration begins.</summary>
    public void OnStarted() => Runs++;

    /// <summary>A measured migration came back (committed or not).</summary>
    public void OnReturned(MigrationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _totalsMs.Add(outcome.TotalSeconds * 1e3);
        MigratingMs += outcome.TotalSeconds * 1e3;
        Wire += outcome.BytesOnWire;
        Missed += outcome.MissedTtis;
        _misses.AddRange(outcome.Misses);
        _rounds.Add(outcome.Source.Rounds);
        if (outcome.Source.MeasuredBytesPerSecond > 0)
        {
            _bandwidths.Add(outcome.Source.MeasuredBytesPerSecond);
        }
    }

    /// <summary>A measured migration committed: its downtime and when each phase began.</summary>
    public void OnCommitted(MigrationOutcome done)
    {
        ArgumentNullException.ThrowIfNull(done);
        Committed++;
        _downtimesUs.Add(done.DowntimeSeconds * 1e6);
        foreach (var (phase, ms) in done.PhaseOffsetsMs.DistinctBy(p => p.Phase))
        {
            if (!_phases.TryGetValue(phase, out var list))
            {
                _phases[phase] = list = [];
            }

            list.Add(ms);
        }
    }

    /// <summary>A measured migration failed for <paramref name="reason"/>; <paramref name="abandoned"/>: under the watchdog.</summary>
    public void OnFailed(string reason, bool abandoned)
    {
        _failures[reason] = _failures.GetValueOrDefault(reason) + 1;
        TimedOut += abandoned ? 1 : 0;
    }

    /// <summary>Per phase the source entered, the median of when (ms from its start).</summary>
    public Dictionary<MigrationPhase, double> PhaseMsP50() => _phases.ToDictionary(p => p.Key, p => Percentiles.Median(p.Value));
}
