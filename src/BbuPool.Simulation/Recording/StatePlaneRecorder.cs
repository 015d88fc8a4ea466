using BbuPool.Core.Model;
using BbuPool.Core.Pool;
using BbuPool.StatePlane;

namespace BbuPool.Simulation.Recording;

/// <summary>
/// Writes what the simulated pool does into a state plane (embedded or Redis) the way the live
/// controller does: nodes registered and their states, each step's placement changes as one
/// fenced, versioned plan (pipelined in batches), migration records with their figures, load
/// samples at a coarse period. At the end it reads the placements back and checks they equal the
/// pool's, so a run with `--redis` proves the state plane kept every placement exactly once.
/// </summary>
public sealed partial class StatePlaneRecorder : ISimulationObserver
{
    /// <summary>Plans per pipelined flush: 256 keeps a flush well under Redis' 64 MiB query buffer.</summary>
    public const int PlansPerFlush = 256;

    /// <summary>Load-sample rounds recorded over a whole run (a 24 h run at 1 s steps would otherwise write 86 M samples).</summary>
    public const int LoadSampleRounds = 96;

    /// <summary>Virtual time zero (deterministic timestamps).</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly IStatePlane _plane;
    private readonly string _holder;
    private readonly List<PlacementPlan> _pending = [];
    private readonly List<PlacementMove> _moves = [];
    private readonly HashSet<int> _changed = [];
    private readonly List<CellLoadSample> _samples = [];
    private readonly StatePlaneRetry _retry = new();
    private long[] _versions = [];
    private NodeState[] _nodeStates = [];
    private LeaderLease? _lease;
    private int _sampleEvery = 1;
    private long _plansCommitted;
    private long _migrationsRecorded;

    /// <summary>Records into <paramref name="plane"/> as controller <paramref name="holder"/>.</summary>
    public StatePlaneRecorder(IStatePlane plane, string holder = "bbupool-simulate")
    {
        _plane = plane ?? throw new ArgumentNullException(nameof(plane));
        _holder = holder;
    }

    /// <summary>Plans committed so far.</summary>
    public long PlansCommitted => _plansCommitted;

    /// <summary>Migration records written.</summary>
    public long MigrationsRecorded => _migrationsRecorded;

    /// <summary>Cells whose stored placement was checked against the pool at the end.</summary>
    public int VerifiedPlacements { get; private set; }

    /// <inheritdoc />
    public void OnStart(PoolState pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        _lease = Wait(_plane.TryAcquireLeaseAsync(_holder, TimeSpan.FromHours(1)))
            ?? throw new InvalidOperationException($"state plane {_plane.Description}: another controller holds the leader lease");
        _versions = new long[pool.CellCount];
        foreach (var placement in Wait(_plane.GetPlacementsAsync()))
        {
            throw new InvalidOperationException($"state plane {_plane.Description} already holds placements (cell {placement.CellId}); use an empty database or another key prefix");
        }

        SyncNodes(pool);
    }

    /// <inheritdoc />
    public void OnStep(PoolState pool, in StepSnapshot step, IReadOnlyList<PricedMove> moves)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(moves);
        SyncNodes(pool);
        CollectPlan(pool, step.Index);
        RecordMigrations(pool, step, moves);
        if (step.Index % _sampleEvery == 0)
        {
            RecordLoads(pool, step.TimeSeconds);
        }

        if (_pending.Count >= PlansPerFlush)
        {
            Flush();
        }
    }

    /// <inheritdoc />
    public void OnFinish(PoolState pool, SimulationReport report)
    {
        ArgumentNullException.ThrowIfNull(pool);
        Flush();
        Verify(pool);
        if (_lease is not null)
        {
            Wait(_plane.ReleaseLeaseAsync(_lease));
        }
    }

    /// <summary>Sets how often load samples are recorded for a run of <paramref name="steps"/>.</summary>
    public void PlanSampling(int steps) => _sampleEvery = Math.Max(1, steps / LoadSampleRounds);

    private static T Wait<T>(ValueTask<T> task) => task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult();

    private static void Wait(ValueTask task)
    {
        if (!task.IsCompletedSuccessfully)
        {
            task.AsTask().GetAwaiter().GetResult();
        }
    }
}
