namespace BbuPool.StatePlane;

/// <summary>
/// Turns a stream of "cell is now on node N with cores C" changes into versioned plans and writes
/// them pipelined: the simulator (or a controller) stages each step's changes, closes the step as
/// one plan, and flushes many steps in one <see cref="IStatePlane.CommitPlansAsync"/>. It tracks
/// every cell's version itself, so the caller never reads before writing. Not thread-safe: one
/// writer per controller or simulation.
/// </summary>
public sealed class PlacementWriter
{
    private readonly IStatePlane _state;
    private readonly StatePlaneRetry _retry;
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PlacementMove> _staged = new(StringComparer.Ordinal);
    private readonly List<PlacementPlan> _queued = [];

    /// <summary>Creates a writer that assumes the versions in <paramref name="known"/> (empty = an empty store).</summary>
    /// <param name="state">Where to write.</param>
    /// <param name="fencingToken">The lease token to commit under (0 = unfenced single writer).</param>
    /// <param name="retry">Retries unavailability; by default 30 s with backoff.</param>
    /// <param name="known">Current placements, e.g. from a snapshot.</param>
    public PlacementWriter(IStatePlane state, long fencingToken = 0, StatePlaneRetry? retry = null, IEnumerable<Placement>? known = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
        _retry = retry ?? new StatePlaneRetry();
        FencingToken = fencingToken;
        foreach (var p in known ?? [])
        {
            _versions[p.CellId] = p.Version;
        }
    }

    /// <summary>Reads the current placements and returns a writer that continues from their versions.</summary>
    public static async ValueTask<PlacementWriter> LoadAsync(IStatePlane state, long fencingToken = 0, StatePlaneRetry? retry = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        retry ??= new StatePlaneRetry();
        var placements = await retry.ExecuteAsync(ct => state.GetPlacementsAsync(ct), cancellationToken);
        return new PlacementWriter(state, fencingToken, retry, placements);
    }

    /// <summary>The lease token the plans carry.</summary>
    public long FencingToken { get; }

    /// <summary>Plans closed and not yet flushed.</summary>
    public int QueuedPlans => _queued.Count;

    /// <summary>Plans committed so far.</summary>
    public long CommittedPlans { get; private set; }

    /// <summary>Stages a change of one cell for the current step (a later change of the same cell in the step replaces it); null node removes it.</summary>
    public void Stage(string cellId, string? nodeId, IReadOnlyList<int> cores)
    {
        ArgumentNullException.ThrowIfNull(cellId);
        _staged[cellId] = new PlacementMove(cellId, 0, nodeId, cores ?? []);
    }

    /// <summary>Closes the staged changes as one plan (none staged: nothing queued); returns true when a plan was queued.</summary>
    public bool EndStep(string planId)
    {
        if (_staged.Count == 0)
        {
            return false;
        }

        var moves = new List<PlacementMove>(_staged.Count);
        foreach (var move in _staged.Values)
        {
            var current = _versions.GetValueOrDefault(move.CellId);
            if (move.IsRemoval && current == 0)
            {
                continue; // removing what was never placed: nothing to write
            }

            moves.Add(move with { ExpectedVersion = current });
            // Assume success; the flush checks it. Versions only grow (a removal leaves a tombstone).
            _versions[move.CellId] = current + 1;
        }

        _staged.Clear();
        if (moves.Count == 0)
        {
            return false;
        }

        _queued.Add(new PlacementPlan(planId, moves, FencingToken));
        return true;
    }

    /// <summary>
    /// Commits every queued plan in one pipelined batch (retried whole on unavailability, which the
    /// plan ids make safe). Throws <see cref="PlacementWriteException"/> when a plan is fenced or
    /// conflicts: someone else wrote these cells, and the writer's versions are no longer valid.
    /// </summary>
    public async ValueTask<IReadOnlyList<CommitResult>> FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_queued.Count == 0)
        {
            return [];
        }

        var plans = _queued.ToArray();
        var results = await _retry.ExecuteAsync(ct => _state.CommitPlansAsync(plans, ct), cancellationToken);
        _queued.Clear();
        for (var i = 0; i < results.Count; i++)
        {
            if (!results[i].Succeeded)
            {
                throw new PlacementWriteException(plans[i].PlanId, results[i]);
            }

            CommittedPlans++;
        }

        return results;
    }
}
