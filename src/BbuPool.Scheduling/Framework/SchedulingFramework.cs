using BbuPool.Scheduling.Plugins.ArchCompatibility;

namespace BbuPool.Scheduling.Framework;

/// <summary>
/// Runs scheduling cycles through the extension points, in the order of the Kubernetes scheduling
/// framework: PreFilter, Filter (per candidate node), PostFilter (when none fits), PreScore, Score
/// (+ NormalizeScores, weighted sum), Reserve, Permit, Bind; Unreserve on any failure after Reserve.
/// Candidates come from the <see cref="PoolIndex"/> buckets that can fit the cell, and the walk stops
/// after <see cref="MaxFeasibleNodes"/> feasible nodes (as kube-scheduler's percentageOfNodesToScore
/// does), so a decision costs O(buckets + K x plugins) whatever the pool size, and allocates nothing.
/// </summary>
public sealed class SchedulingFramework
{
    private static readonly Status ArchRejected = Status.Unresolvable(ArchCompatibilityPlugin.PluginName, ArchCompatibilityPlugin.NoBuild);

    /// <summary>Highest normalised score of one plugin for one node (the Kubernetes MaxNodeScore).</summary>
    public const double MaxNodeScore = 100;

    /// <summary>Feasible nodes scored per decision by default: enough for the score plugins to matter, few enough for ~µs decisions at 1,000 nodes (kube-scheduler scores at least 100 of 5,000; our candidates come best-fit first so fewer suffice).</summary>
    public const int DefaultMaxFeasibleNodes = 16;

    private readonly IPreFilterPlugin[] _preFilters;
    private readonly IFilterPlugin[] _filters;
    private readonly IPostFilterPlugin[] _postFilters;
    private readonly IPreScorePlugin[] _preScores;
    private readonly IScorePlugin[] _scorers;
    private readonly double[] _weights;
    private readonly IReservePlugin[] _reserves;
    private readonly IPermitPlugin[] _permits;
    private readonly IBindPlugin[] _binders;
    private readonly int[] _preFilterToFilter;
    private readonly int[] _preScoreToScore;
    private readonly bool[] _skipFilter;
    private readonly bool[] _skipScore;
    private readonly double[][] _scores;
    private readonly double[] _totals;
    private readonly int[] _candidates;
    private readonly bool _archFilter;

    /// <summary>Builds the framework from enabled plugins and their score weights (same order as <paramref name="plugins"/>).</summary>
    public SchedulingFramework(IReadOnlyList<IPlugin> plugins, IReadOnlyList<double> weights, int maxFeasibleNodes = DefaultMaxFeasibleNodes)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count != plugins.Count)
        {
            throw new ArgumentException("one weight per plugin", nameof(weights));
        }

        Plugins = plugins;
        _preFilters = [.. plugins.OfType<IPreFilterPlugin>()];
        _filters = [.. plugins.OfType<IFilterPlugin>()];
        _postFilters = [.. plugins.OfType<IPostFilterPlugin>()];
        _preScores = [.. plugins.OfType<IPreScorePlugin>()];
        _scorers = [.. plugins.OfType<IScorePlugin>()];
        _weights = [.. _scorers.Select(s => weights[IndexOf(plugins, s)])];
        _reserves = [.. plugins.OfType<IReservePlugin>()];
        _permits = [.. plugins.OfType<IPermitPlugin>()];
        _binders = [.. plugins.OfType<IBindPlugin>()];
        _preFilterToFilter = [.. _preFilters.Select(p => Array.IndexOf(_filters, p as IFilterPlugin))];
        _preScoreToScore = [.. _preScores.Select(p => Array.IndexOf(_scorers, p as IScorePlugin))];
        _skipFilter = new bool[_filters.Length];
        _skipScore = new bool[_scorers.Length];
        MaxFeasibleNodes = Math.Max(1, maxFeasibleNodes);
        _candidates = new int[MaxFeasibleNodes];
        _archFilter = _filters.Any(f => f is ArchCompatibilityPlugin);
        _scores = [.. _scorers.Select(_ => new double[MaxFeasibleNodes])];
        _totals = new double[MaxFeasibleNodes];
    }

    /// <summary>The enabled plugins.</summary>
    public IReadOnlyList<IPlugin> Plugins { get; }

    /// <summary>Feasible nodes collected before scoring stops the walk.</summary>
    public int MaxFeasibleNodes { get; }

    /// <summary>Filter plugins, in order.</summary>
    public IReadOnlyList<IFilterPlugin> Filters => _filters;

    /// <summary>Score plugins with their weights, in order.</summary>
    public IEnumerable<(IScorePlugin Plugin, double Weight)> Scorers => _scorers.Select((s, i) => (s, _weights[i]));

    /// <summary>
    /// Runs PreFilter .. Score and returns the best node without changing the pool (a dry run; the
    /// incremental decision the benchmarks time).
    /// </summary>
    public ScheduleResult Select(CycleState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            return SelectCore(state);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new ScheduleResult(Status.Error("framework", ex.Message), -1, 0);
        }
    }

    /// <summary>
    /// A full cycle: <see cref="Select"/>, then Reserve, Permit and Bind. On success the pool has
    /// changed and the index is updated for the nodes involved.
    /// </summary>
    public ScheduleResult Schedule(CycleState state)
    {
        var selected = Select(state);
        if (!selected.IsSuccess)
        {
            return selected;
        }

        var node = selected.Node;
        var reserved = 0;
        try
        {
            for (; reserved < _reserves.Length; reserved++)
            {
                var status = _reserves[reserved].Reserve(state, node);
                if (!status.IsSuccess && status.Code != StatusCode.Skip)
                {
                    Unreserve(state, node, reserved + 1);
                    return new ScheduleResult(status, -1, selected.Feasible);
                }
            }

            foreach (var permit in _permits)
            {
                var status = permit.Permit(state, node);
                if (!status.IsSuccess && status.Code != StatusCode.Skip)
                {
                    Unreserve(state, node, reserved);
                    return new ScheduleResult(status, -1, selected.Feasible);
                }
            }

            foreach (var binder in _binders)
            {
                var status = binder.Bind(state, node);
                if (status.Code == StatusCode.Skip)
                {
                    continue;
                }

                if (!status.IsSuccess)
                {
                    Unreserve(state, node, reserved);
                    return new ScheduleResult(status, -1, selected.Feasible);
                }

                state.Index.Update(node);
                if (state.FromNode >= 0)
                {
                    state.Index.Update(state.FromNode);
                }

                return selected;
            }

            Unreserve(state, node, reserved);
            return new ScheduleResult(Status.Error("framework", "no bind plugin took the cell"), -1, selected.Feasible);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Unreserve(state, node, reserved);
            return new ScheduleResult(Status.Error("framework", ex.Message), -1, selected.Feasible);
        }
    }

    private void Unreserve(CycleState state, int node, int count)
    {
        // Reverse order, as the Kubernetes framework does; Unreserve is idempotent so extra calls are harmless.
        for (var i = Math.Min(count, _reserves.Length) - 1; i >= 0; i--)
        {
            _reserves[i].Unreserve(state, node);
        }
    }

    private ScheduleResult SelectCore(CycleState state)
    {
        Array.Clear(_skipFilter);
        Array.Clear(_skipScore);
        for (var i = 0; i < _preFilters.Length; i++)
        {
            var status = _preFilters[i].PreFilter(state);
            if (status.Code == StatusCode.Skip)
            {
                if (_preFilterToFilter[i] >= 0)
                {
                    _skipFilter[_preFilterToFilter[i]] = true;
                }
            }
            else if (!status.IsSuccess)
            {
                return new ScheduleResult(status, -1, 0);
            }
        }

        var walk = Walk(state);
        if (walk.Count == 0)
        {
            if (_postFilters.Length == 0)
            {
                return new ScheduleResult(walk.Reject, -1, 0);
            }

            var retry = false;
            foreach (var post in _postFilters)
            {
                retry |= post.PostFilter(state).IsSuccess;
            }

            if (!retry)
            {
                return new ScheduleResult(walk.Reject, -1, 0);
            }

            walk = Walk(state);
            if (walk.Count == 0)
            {
                return new ScheduleResult(walk.Reject, -1, 0);
            }
        }

        var count = walk.Count;
        var nodes = new ReadOnlySpan<int>(_candidates, 0, count);
        if (count == 1)
        {
            return new ScheduleResult(Status.Success, _candidates[0], 1);
        }

        for (var i = 0; i < _preScores.Length; i++)
        {
            var status = _preScores[i].PreScore(state, nodes);
            if (status.Code == StatusCode.Skip)
            {
                if (_preScoreToScore[i] >= 0)
                {
                    _skipScore[_preScoreToScore[i]] = true;
                }
            }
            else if (!status.IsSuccess)
            {
                return new ScheduleResult(status, -1, count);
            }
        }

        Array.Clear(_totals, 0, count);
        for (var s = 0; s < _scorers.Length; s++)
        {
            if (_skipScore[s] || _weights[s] == 0)
            {
                continue;
            }

            var scores = _scores[s].AsSpan(0, count);
            for (var j = 0; j < count; j++)
            {
                scores[j] = _scorers[s].Score(state, _candidates[j]);
            }

            _scorers[s].NormalizeScores(state, scores);
            for (var j = 0; j < count; j++)
            {
                _totals[j] += _weights[s] * scores[j];
            }
        }

        // Ties go to the earlier candidate: the walk is deterministic (best fit first), so the same
        // pool and loads always give the same node.
        var best = 0;
        for (var j = 1; j < count; j++)
        {
            if (_totals[j] > _totals[best] + 1e-9)
            {
                best = j;
            }
        }

        return new ScheduleResult(Status.Success, _candidates[best], count);
    }

    private (int Count, Status Reject) Walk(CycleState state)
    {
        var index = state.Index;
        var limit = state.MaxFeasibleNodes > 0 ? Math.Min(state.MaxFeasibleNodes, MaxFeasibleNodes) : MaxFeasibleNodes;
        var count = 0;
        var reject = Status.Unschedulable("CoreCapacity", "no Up node has a NUMA domain with enough free cores");
        var resolvable = false;
        var anyReject = false;
        if (state.OnlyNode >= 0)
        {
            TryNode(state, state.OnlyNode, ref count, ref reject, ref resolvable, ref anyReject);
        }
        else if (state.Order == NodeOrder.BestFit)
        {
            for (var b = Math.Max(0, state.MinCores); b <= index.MaxBucket && count < limit; b++)
            {
                WalkBucket(state, b, limit, ref count, ref reject, ref resolvable, ref anyReject);
            }
        }
        else
        {
            for (var b = index.MaxBucket; b >= Math.Max(0, state.MinCores) && count < limit; b--)
            {
                WalkBucket(state, b, limit, ref count, ref reject, ref resolvable, ref anyReject);
            }
        }

        if (count == 0 && anyReject && resolvable && reject.Code == StatusCode.UnschedulableAndUnresolvable)
        {
            // Some node was rejected only for capacity: report the cell as resolvable so PostFilter runs.
            reject = reject with { Code = StatusCode.Unschedulable };
        }

        return (count, reject);
    }

    private void WalkBucket(CycleState state, int bucket, int limit, ref int count, ref Status reject, ref bool resolvable, ref bool anyReject)
    {
        var index = state.Index;
        // With ArchCompatibility enabled, nodes of an arch the stack has no build for are skipped
        // by bucket instead of filtered one by one (x86-only stacks walked past every aarch64
        // node of a bucket); the rejection is still reported as that plugin's.
        var mask = _archFilter ? index.CellArchMask(state.Cell) : -1;
        for (var arch = 0; arch < PoolIndex.ArchCount && count < limit; arch++)
        {
            var n = index.First(arch, bucket);
            if ((mask & (1 << arch)) == 0)
            {
                if (n >= 0)
                {
                    Note(ArchRejected, ref reject, ref resolvable, ref anyReject);
                }

                continue;
            }

            for (; n >= 0 && count < limit; n = index.Next(n))
            {
                TryNode(state, n, ref count, ref reject, ref resolvable, ref anyReject);
            }
        }
    }

    private void TryNode(CycleState state, int node, ref int count, ref Status reject, ref bool resolvable, ref bool anyReject)
    {
        if (node == state.ExcludeA || node == state.ExcludeB)
        {
            return;
        }

        if (state.Pool.StateOf(node) != Core.Model.NodeState.Up)
        {
            Note(Status.Unresolvable("framework", "node is not Up"), ref reject, ref resolvable, ref anyReject);
            return;
        }

        for (var f = 0; f < _filters.Length; f++)
        {
            if (_skipFilter[f])
            {
                continue;
            }

            var status = _filters[f].Filter(state, node);
            if (!status.IsSuccess && status.Code != StatusCode.Skip)
            {
                Note(status, ref reject, ref resolvable, ref anyReject);
                return;
            }
        }

        _candidates[count++] = node;
    }

    private static void Note(in Status status, ref Status reject, ref bool resolvable, ref bool anyReject)
    {
        if (!anyReject)
        {
            reject = status;
            anyReject = true;
        }

        resolvable |= status.Code == StatusCode.Unschedulable;
    }

    private static int IndexOf(IReadOnlyList<IPlugin> plugins, IPlugin plugin)
    {
        for (var i = 0; i < plugins.Count; i++)
        {
            if (ReferenceEquals(plugins[i], plugin))
            {
                return i;
            }
        }

        return -1;
    }
}
