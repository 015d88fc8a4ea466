using System.Globalization;
using BbuPool.Core.Model;

namespace BbuPool.StatePlane.Embedded;

/// <summary>
/// The in-process state plane: the same semantics as the Redis one (versions, atomic plans,
/// idempotent plan ids, fencing, time-to-lives, a bounded event stream) behind one lock, for
/// single-machine runs and the simulator. Time-to-lives follow the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class EmbeddedStatePlane : IStatePlane
{
    private readonly Lock _gate = new();
    private readonly StatePlaneOptions _options;
    private readonly TimeProvider _time;
    private readonly SortedDictionary<string, NodeSpec> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeState> _nodeStates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _heartbeatExpiry = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, Placement> _placements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long[] Versions, DateTimeOffset Expiry)> _plans = new(StringComparer.Ordinal);
    // Plan ids in commit order with their expiry: expiries grow with commits (one PlanMemory for the
    // store, a clock that does not go back), so expired ids are always at the head.
    private readonly Queue<(string Id, DateTimeOffset Expiry)> _planExpiries = new();
    private readonly SortedDictionary<string, MigrationEntry> _migrations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkedList<CellLoadSample>> _loads = new(StringComparer.Ordinal);
    private readonly List<StateEvent> _events = [];
    private (string Holder, long Token, DateTimeOffset Expiry)? _lease;
    private long _fence;
    private long _lastEventMs;
    private long _eventSeq;

    /// <summary>Creates an empty store.</summary>
    public EmbeddedStatePlane(StatePlaneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = options.TimeProvider;
    }

    /// <inheritdoc />
    public string Description => "embedded";

    private DateTimeOffset Now => _time.GetUtcNow();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask RegisterNodeAsync(NodeSpec node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        lock (_gate)
        {
            _nodes[node.Id] = node;
            _nodeStates.TryAdd(node.Id, NodeState.Up);
            AddEvent(StateEventKind.NodeRegistered, node.Id, string.Create(CultureInfo.InvariantCulture, $"{node.Arch} {node.Cores} cores"));
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask HeartbeatAsync(string nodeId, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _heartbeatExpiry[nodeId] = Now + timeToLive;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> SetNodeStateAsync(string nodeId, NodeState state, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_nodes.ContainsKey(nodeId))
            {
                return ValueTask.FromResult(false);
            }

            _nodeStates[nodeId] = state;
            AddEvent(StateEventKind.NodeStateChanged, nodeId, state.ToString());
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<NodeStatus>> GetNodesAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<NodeStatus>>(NodesLocked());
        }
    }

    private List<NodeStatus> NodesLocked()
    {
        var now = Now;
        var list = new List<NodeStatus>(_nodes.Count);
        foreach (var (id, node) in _nodes)
        {
            TimeSpan? remaining = _heartbeatExpiry.TryGetValue(id, out var expiry) && expiry > now ? expiry - now : null;
            list.Add(new NodeStatus(node, _nodeStates[id], remaining is not null, remaining));
        }

        return list;
    }

    /// <inheritdoc />
    public ValueTask<MigrationEntry?> GetMigrationAsync(string migrationId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_migrations.GetValueOrDefault(migrationId));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> RecordMigrationAsync(MigrationEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            MigrationPhase? current = _migrations.TryGetValue(entry.MigrationId, out var existing) ? existing.Phase : null;
            if (!MigrationTransitions.IsAllowed(current, entry.Phase))
            {
                return ValueTask.FromResult(false);
            }

            _migrations[entry.MigrationId] = entry;
            AddEvent(StateEventKind.MigrationChanged, entry.MigrationId, $"{entry.CellId} {entry.SourceNodeId}->{entry.TargetNodeId} {entry.Phase}");
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask AppendLoadSamplesAsync(IReadOnlyList<CellLoadSample> samples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        lock (_gate)
        {
            foreach (var sample in samples)
            {
                if (!_loads.TryGetValue(sample.CellId, out var list))
                {
                    _loads[sample.CellId] = list = new LinkedList<CellLoadSample>();
                }

                list.AddFirst(sample);
                while (list.Count > _options.LoadWindow)
                {
                    list.RemoveLast();
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<CellLoadSample>> GetLoadSamplesAsync(string cellId, int max, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<CellLoadSample> result = _loads.TryGetValue(cellId, out var list) ? [.. list.Take(Math.Max(0, max))] : [];
            return ValueTask.FromResult(result);
        }
    }

    /// <inheritdoc />
    public ValueTask<PoolSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(new PoolSnapshot(
                NodesLocked(),
                [.. _placements.Values],
                [.. _migrations.Values],
                LeaseLocked(),
                _events.Count > 0 ? _events[^1].Id : null));
        }
    }
}
