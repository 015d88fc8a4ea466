using BbuPool.Core.Model;
using BbuPool.Core.Pool;

namespace BbuPool.Scheduling.Framework;

/// <summary>
/// The scheduler's index over a <see cref="PoolState"/>: Up nodes in buckets by the largest free
/// NUMA domain (intrusive linked lists, O(1) to move a node, nothing allocated per decision), node
/// sites as integers, CoMP cluster members and each site's high-priority cells. A decision walks
/// only the buckets that can fit the cell instead of scanning every node or cell.
/// </summary>
public sealed class PoolIndex
{
    private readonly Dictionary<string, int> _nodeSiteIds = new(StringComparer.Ordinal);
    private int[] _nodeSite = [];
    private NodeState[] _state = [];
    private int[] _free = [];
    private int[] _largest = [];
    private int[] _bucketOf = [];
    private int[] _next = [];
    private int[] _prev = [];
    private int[] _head = [];
    private int[][] _clusterMembers = [];
    private int[][] _siteHighPriority = [];
    private int _nodes;

    /// <summary>Priority from which a cell counts as high priority for spreading (gsm voice is 8, NR 6).</summary>
    public const int HighPriority = 7;

    /// <summary>The pool indexed (null before <see cref="Attach"/>).</summary>
    public PoolState? Pool { get; private set; }

    /// <summary>Smallest reference-to-node cost factor of any node (the fastest core), for the smallest bucket worth walking.</summary>
    public double MinNodeFactor { get; private set; } = 1;

    /// <summary>Largest bucket key (largest NUMA domain of any node).</summary>
    public int MaxBucket => _head.Length - 1;

    /// <summary>Indexes <paramref name="pool"/> from scratch (cell-level tables once, node tables now).</summary>
    public void Attach(PoolState pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        Pool = pool;
        _nodes = 0;
        _nodeSiteIds.Clear();
        BuildCellTables(pool);
        Sync();
    }

    /// <summary>
    /// Brings node entries up to date with the pool (new nodes, state changes, cores freed or taken
    /// by someone else). O(nodes) with O(1) per unchanged node; called once per step.
    /// </summary>
    public void Sync()
    {
        var pool = Pool ?? throw new InvalidOperationException("not attached");
        if (pool.NodeCount != _nodes)
        {
            Grow(pool);
        }

        for (var n = 0; n < _nodes; n++)
        {
            if (pool.StateOf(n) != _state[n] || pool.FreeCores(n) != _free[n])
            {
                Update(n);
            }
        }
    }

    /// <summary>Re-reads one node (after a bind, resize or power action on it).</summary>
    public void Update(int node)
    {
        var pool = Pool!;
        if (node < 0 || node >= _nodes)
        {
            return;
        }

        _state[node] = pool.StateOf(node);
        _free[node] = pool.FreeCores(node);
        _largest[node] = _state[node] == NodeState.Up ? pool.CoresOfNode(node).LargestFreeNuma() : 0;
        Unlink(node);
        if (_state[node] == NodeState.Up)
        {
            Link(node, Math.Min(_largest[node], MaxBucket));
        }
    }

    /// <summary>Largest free NUMA domain of an Up node (0 for other states).</summary>
    public int LargestFreeNuma(int node) => _largest[node];

    /// <summary>Dense site id of a node.</summary>
    public int NodeSite(int node) => _nodeSite[node];

    /// <summary>First Up node whose largest free NUMA domain is exactly <paramref name="bucket"/>, or -1.</summary>
    public int First(int bucket) => bucket >= 0 && bucket < _head.Length ? _head[bucket] : -1;

    /// <summary>Next node in the same bucket, or -1.</summary>
    public int Next(int node) => _next[node];

    /// <summary>Inter-node latency as <see cref="ConstraintChecker.InterNodeMicros"/> computes it, without string compares.</summary>
    public double InterNodeMicros(int a, int b) =>
        a == b ? 0 : _nodeSite[a] == _nodeSite[b] ? ConstraintChecker.SameSiteMicros : ConstraintChecker.CrossSiteMicros;

    /// <summary>Cells of a CoMP cluster.</summary>
    public ReadOnlySpan<int> ClusterMembers(int cluster) => cluster >= 0 && cluster < _clusterMembers.Length ? _clusterMembers[cluster] : [];

    /// <summary>High-priority cells of a radio site.</summary>
    public ReadOnlySpan<int> SiteHighPriority(int site) => site >= 0 && site < _siteHighPriority.Length ? _siteHighPriority[site] : [];

    private void BuildCellTables(PoolState pool)
    {
        var clusters = new List<int>[pool.ClusterCount];
        var sites = new List<int>[pool.SiteCount];
        for (var c = 0; c < pool.CellCount; c++)
        {
            var k = pool.ClusterOf(c);
            if (k >= 0)
            {
                (clusters[k] ??= []).Add(c);
            }

            if (pool.Cell(c).Priority >= HighPriority)
            {
                (sites[pool.SiteOf(c)] ??= []).Add(c);
            }
        }

        _clusterMembers = [.. clusters.Select(l => l is null ? Array.Empty<int>() : l.ToArray())];
        _siteHighPriority = [.. sites.Select(l => l is null ? Array.Empty<int>() : l.ToArray())];
    }

    private void Grow(PoolState pool)
    {
        var old = _nodes;
        var count = pool.NodeCount;
        Array.Resize(ref _nodeSite, count);
        Array.Resize(ref _state, count);
        Array.Resize(ref _free, count);
        Array.Resize(ref _largest, count);
        Array.Resize(ref _bucketOf, count);
        Array.Resize(ref _next, count);
        Array.Resize(ref _prev, count);
        var maxNuma = 0;
        var minFactor = double.MaxValue;
        for (var n = 0; n < count; n++)
        {
            maxNuma = Math.Max(maxNuma, pool.Node(n).CoresPerNuma);
            minFactor = Math.Min(minFactor, pool.NodeFactor(n));
        }

        MinNodeFactor = count == 0 ? 1 : minFactor;
        for (var n = old; n < count; n++)
        {
            var site = pool.Node(n).Site;
            if (!_nodeSiteIds.TryGetValue(site, out var id))
            {
                id = _nodeSiteIds.Count;
                _nodeSiteIds.Add(site, id);
            }

            _nodeSite[n] = id;
        }

        // Rebuild the buckets from scratch: the largest key may have grown with the new nodes.
        _head = new int[maxNuma + 1];
        Array.Fill(_head, -1);
        _nodes = count;
        for (var n = 0; n < count; n++)
        {
            _bucketOf[n] = -1;
            _next[n] = -1;
            _prev[n] = -1;
            _state[n] = (NodeState)(-1);
        }
    }

    private void Link(int node, int bucket)
    {
        _bucketOf[node] = bucket;
        _prev[node] = -1;
        _next[node] = _head[bucket];
        if (_head[bucket] >= 0)
        {
            _prev[_head[bucket]] = node;
        }

        _head[bucket] = node;
    }

    private void Unlink(int node)
    {
        var bucket = _bucketOf[node];
        if (bucket < 0)
        {
            return;
        }

        if (_prev[node] >= 0)
        {
            _next[_prev[node]] = _next[node];
        }
        else
        {
            _head[bucket] = _next[node];
        }

        if (_next[node] >= 0)
        {
            _prev[_next[node]] = _prev[node];
        }

        _bucketOf[node] = -1;
        _next[node] = -1;
        _prev[node] = -1;
    }
}
