using BbuPool.Core.Model;
using BbuPool.Core.Pool;
using BbuPool.Core.Radio;
using BbuPool.Scheduling.Plugins.DeadlineFit;

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
    private int[] _nodeArchBit = [];
    private int[] _cellArchMask = [];
    private double[] _fronthaulSlack = [];
    private int[] _usableNuma = [];
    private double[] _invUsableCores = [];
    private double[] _invMemory = [];
    private double[] _invNic = [];
    private double[] _coresPerWatt = [];
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
    public int MaxBucket { get; private set; } = -1;

    /// <summary>Number of CPU architectures; buckets are kept per arch so a walk skips nodes no build of the cell's stack runs on.</summary>
    public static int ArchCount { get; } = Enum.GetValues<CpuArch>().Length;

    /// <summary>Bit (1 &lt;&lt; arch) per architecture the cell's stack is built for.</summary>
    public int CellArchMask(int cell) => _cellArchMask[cell];

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
            Link(node, (ArchOf(node) * (MaxBucket + 1)) + Math.Min(_largest[node], MaxBucket));
        }
    }

    /// <summary>Largest free NUMA domain of an Up node (0 for other states).</summary>
    public int LargestFreeNuma(int node) => _largest[node];

    /// <summary>
    /// True when the cell's stack has a build for the node's arch: one AND of precomputed bit masks
    /// (the stack's arch list is an IReadOnlyList, and walking it per candidate was 5 % of a full
    /// placement's time in the profile).
    /// </summary>
    public bool ArchFits(int cell, int node) => (_cellArchMask[cell] & _nodeArchBit[node]) != 0;

    /// <summary>
    /// The RAT's fronthaul budget less the cell's fixed latency (fibre + switching), in µs: the
    /// link is within budget while the site's degradation stays at or below it. Precomputed so
    /// FronthaulLatency's PreFilter reads two dense arrays instead of the cell's spec (a cache
    /// miss per cell, 10 % of a full placement in the profile).
    /// </summary>
    public double FronthaulSlackMicros(int cell) => _fronthaulSlack[cell];

    /// <summary>Cores one stack can get at most on the node (its largest NUMA domain less the OS's cores); fixed per node, precomputed.</summary>
    public int LargestUsableNuma(int node) => _usableNuma[node];

    /// <summary>1 / usable cores of the node (0 if none): score plugins multiply instead of dividing per candidate.</summary>
    public double InverseUsableCores(int node) => _invUsableCores[node];

    /// <summary>1 / memory GiB of the node (0 if none).</summary>
    public double InverseMemory(int node) => _invMemory[node];

    /// <summary>1 / NIC Gbps of the node (0 if none).</summary>
    public double InverseNic(int node) => _invNic[node];

    /// <summary>Reference cores per peak watt of the node (the Energy score's efficiency).</summary>
    public double CoresPerWatt(int node) => _coresPerWatt[node];

    /// <summary>Dense site id of a node.</summary>
    public int NodeSite(int node) => _nodeSite[node];

    /// <summary>First Up node of <paramref name="arch"/> whose largest free NUMA domain is exactly <paramref name="bucket"/>, or -1.</summary>
    public int First(int arch, int bucket) =>
        bucket >= 0 && bucket <= MaxBucket && arch >= 0 && arch < ArchCount ? _head[(arch * (MaxBucket + 1)) + bucket] : -1;

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
        _cellArchMask = new int[pool.CellCount];
        _fronthaulSlack = new double[pool.CellCount];
        for (var c = 0; c < pool.CellCount; c++)
        {
            var cell = pool.Cell(c);
            _fronthaulSlack[c] = RadioTables.FronthaulBudgetMicros(cell.Rat) - ((cell.FronthaulKm * PoolState.FibreMicrosPerKm) + pool.Policy.FronthaulSwitchMicros);
            foreach (var arch in pool.StackOf(c).Archs)
            {
                _cellArchMask[c] |= ArchBit(arch);
            }
        }

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
        Array.Resize(ref _usableNuma, count);
        Array.Resize(ref _nodeArchBit, count);
        Array.Resize(ref _invUsableCores, count);
        Array.Resize(ref _invMemory, count);
        Array.Resize(ref _invNic, count);
        Array.Resize(ref _coresPerWatt, count);
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
            var spec = pool.Node(n);
            _usableNuma[n] = DeadlineFitPlugin.LargestUsableNuma(spec);
            _nodeArchBit[n] = ArchBit(spec.Arch);
            _invUsableCores[n] = spec.UsableCores > 0 ? 1.0 / spec.UsableCores : 0;
            _invMemory[n] = spec.MemoryGiB > 0 ? 1 / spec.MemoryGiB : 0;
            _invNic[n] = spec.NicGbps > 0 ? 1 / spec.NicGbps : 0;
            _coresPerWatt[n] = spec.PeakWatts > 0 ? spec.UsableCores / pool.NodeFactor(n) / spec.PeakWatts : 0;
        }

        // Rebuild the buckets from scratch: the largest key may have grown with the new nodes.
        MaxBucket = maxNuma;
        _head = new int[(maxNuma + 1) * ArchCount];
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

    private static int ArchBit(CpuArch arch) => 1 << (int)arch;

    private int ArchOf(int node) => System.Numerics.BitOperations.TrailingZeroCount(_nodeArchBit[node]);

    private int _nodeArchBitIndex(int node) => System.Numerics.BitOperations.TrailingZeroCount(_nodeArchBit[node]);

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
