namespace BbuPool.Scheduling.Framework;

/// <summary>
/// Per-step migration budget of every node's link, shared by the MigrationBudget plugin and the
/// evacuation planner: a node may send or receive at most <see cref="MaxMovesPerNode"/> migrations
/// per step and <see cref="ConcurrentPerLink"/> x step seconds of link time, so a drain never
/// oversubscribes the NIC it shares with fronthaul.
/// </summary>
public sealed class MigrationLimits
{
    /// <summary>Migrations one node takes part in per step: 8 keeps a 10-cell node's drain to 2 steps without a burst on one NIC.</summary>
    public const int DefaultMaxMovesPerNode = 8;

    /// <summary>Concurrent migrations per link: 2 streams of a quarter of a 40 GbE NIC leave half for fronthaul.</summary>
    public const double DefaultConcurrentPerLink = 2;

    /// <summary>Bandwidth one migration stream gets: 10 Gbit/s (the simulator's default migration link).</summary>
    public const double LinkBytesPerSecond = 10e9 / 8;

    private int[] _moves = [];
    private double[] _linkSeconds = [];

    /// <summary>Migrations one node may take part in per step.</summary>
    public int MaxMovesPerNode { get; set; } = DefaultMaxMovesPerNode;

    /// <summary>Concurrent migration streams per node link.</summary>
    public double ConcurrentPerLink { get; set; } = DefaultConcurrentPerLink;

    /// <summary>Link seconds a node has this step.</summary>
    public double LinkSecondsPerStep { get; private set; } = double.PositiveInfinity;

    /// <summary>Resets the budget for a new step of <paramref name="stepSeconds"/>.</summary>
    public void BeginStep(int nodes, double stepSeconds)
    {
        if (_moves.Length < nodes)
        {
            _moves = new int[nodes];
            _linkSeconds = new double[nodes];
        }
        else
        {
            Array.Clear(_moves);
            Array.Clear(_linkSeconds);
        }

        LinkSecondsPerStep = stepSeconds > 0 ? stepSeconds * ConcurrentPerLink : double.PositiveInfinity;
    }

    /// <summary>True when a migration of <paramref name="seconds"/> between the two nodes fits this step's budget (the first migration on a link always fits, so big stacks progress).</summary>
    public bool Fits(int from, int to, double seconds) => Fits(from, seconds) && Fits(to, seconds);

    /// <summary>Books a migration on both links.</summary>
    public void Book(int from, int to, double seconds, int sign = 1)
    {
        Touch(from, seconds, sign);
        Touch(to, seconds, sign);
    }

    /// <summary>Migrations booked on a node this step.</summary>
    public int MovesOf(int node) => node >= 0 && node < _moves.Length ? _moves[node] : 0;

    private bool Fits(int node, double seconds)
    {
        if (node < 0 || node >= _moves.Length || _moves[node] == 0)
        {
            return true;
        }

        return _moves[node] < MaxMovesPerNode && _linkSeconds[node] + seconds <= LinkSecondsPerStep + 1e-9;
    }

    private void Touch(int node, double seconds, int sign)
    {
        if (node < 0)
        {
            return;
        }

        if (node >= _moves.Length)
        {
            Array.Resize(ref _moves, node + 1);
            Array.Resize(ref _linkSeconds, node + 1);
        }

        _moves[node] += sign;
        _linkSeconds[node] += sign * seconds;
    }
}
