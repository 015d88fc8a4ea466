using BbuPool.Core.Cost;
using BbuPool.Core.Model;
using BbuPool.Core.Policy;
using BbuPool.Core.Radio;

namespace BbuPool.Core.Pool;

/// <summary>
/// The pool as it is now: nodes with their power state and free cores, cells with their current
/// demand and placement. Indices are dense (cell i, node j) so the simulator and the scheduler
/// work on arrays. Schedulers change it only through its methods (their Bind step); every change
/// is journalled so the simulator can cost migrations and the state plane can record them.
/// </summary>
public sealed partial class PoolState
{
    private readonly List<NodeSpec> _nodes = [];
    private readonly List<NodeState> _nodeStates = [];
    private readonly List<double> _bootReadyAt = [];
    private readonly List<CoreSet> _cores = [];
    private readonly List<double> _nodeFactor = [];
    private readonly List<List<int>> _cellsOn = [];
    private readonly List<double> _memoryUsed = [];
    private readonly List<double> _nicUsed = [];
    private readonly List<double> _maintenanceUntil = [];
    private readonly Dictionary<string, int> _nodeIndex = new(StringComparer.Ordinal);

    private readonly CellSpec[] _cells;
    private readonly StackProfile[] _stacks;
    private readonly double[] _tti;
    private readonly CellDemand[] _demand;
    private readonly LoadSample[] _load;
    private readonly int[] _nodeOf;
    private readonly CellCoreTable _coresOf;
    private readonly int[] _standbyNodeOf;
    private readonly CellCoreTable _standbyCoresOf;
    private readonly double[] _lastMovedAt;
    private readonly double[] _attachedMemory;
    private readonly double[] _attachedNic;
    private readonly double[] _siteExtraLatency;
    private readonly double[] _siteBandwidthGbps;
    private readonly int[] _cellSite;
    private readonly int[] _cellCluster;
    private readonly Dictionary<string, int> _clusterIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _siteIndex = new(StringComparer.Ordinal);
    private readonly List<PlacementChange> _journal;
    private readonly ProcessingCostModel _costModel;

    // Destination cores of a make-before-break move or re-pin, held until the source's are released.
    private int[] _scratch = [];

    /// <summary>Creates a pool of <paramref name="nodes"/> (all powered off) and unplaced <paramref name="cells"/>.</summary>
    public PoolState(
        IReadOnlyList<NodeSpec> nodes,
        IReadOnlyList<CellSpec> cells,
        IReadOnlyDictionary<string, StackProfile> stacks,
        PoolPolicy policy,
        ProcessingCostModel costModel)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(stacks);
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _costModel = costModel ?? throw new ArgumentNullException(nameof(costModel));
        foreach (var node in nodes)
        {
            AddNode(node);
        }

        _cells = [.. cells];
        // A full placement journals one change per cell: sized for it once, so placing a pool
        // does not regrow (and copy) the journal ~14 times on the way to 10,000 entries.
        _journal = new List<PlacementChange>(_cells.Length);
        _stacks = new StackProfile[_cells.Length];
        _tti = new double[_cells.Length];
        _demand = new CellDemand[_cells.Length];
        _load = new LoadSample[_cells.Length];
        _nodeOf = new int[_cells.Length];
        var stride = 1;
        foreach (var node in _nodes)
        {
            stride = Math.Max(stride, node.CoresPerNuma);
        }

        _coresOf = new CellCoreTable(_cells.Length, stride);
        _standbyNodeOf = new int[_cells.Length];
        _standbyCoresOf = new CellCoreTable(_cells.Length, stride);
        _scratch = new int[stride];
        _lastMovedAt = new double[_cells.Length];
        _attachedMemory = new double[_cells.Length];
        _attachedNic = new double[_cells.Length];
        _cellSite = new int[_cells.Length];
        _cellCluster = new int[_cells.Length];
        for (var c = 0; c < _cells.Length; c++)
        {
            var cell = _cells[c];
            _stacks[c] = stacks.TryGetValue(cell.StackId, out var s)
                ? s
                : throw new ArgumentException($"cell {cell.Id}: unknown stack {cell.StackId}", nameof(cells));
            _tti[c] = RadioTables.TtiSeconds(cell.Rat, cell.Numerology);
            _nodeOf[c] = -1;
            _standbyNodeOf[c] = -1;
            _lastMovedAt[c] = double.NegativeInfinity;
            if (!_siteIndex.TryGetValue(cell.Site, out var site))
            {
                site = _siteIndex.Count;
                _siteIndex.Add(cell.Site, site);
            }

            _cellSite[c] = site;
            _cellCluster[c] = -1;
            if (cell.CompCluster is { } cluster)
            {
                if (!_clusterIndex.TryGetValue(cluster, out var k))
                {
                    k = _clusterIndex.Count;
                    _clusterIndex.Add(cluster, k);
                }

                _cellCluster[c] = k;
            }
        }

        _siteExtraLatency = new double[_siteIndex.Count];
        _siteBandwidthGbps = new double[_siteIndex.Count];
        Array.Fill(_siteBandwidthGbps, double.PositiveInfinity);
    }

    /// <summary>The policy in force.</summary>
    public PoolPolicy Policy { get; }

    /// <summary>The cost model that turns demand into cores on a given node.</summary>
    public ProcessingCostModel CostModel => _costModel;

    /// <summary>Virtual (or wall) time of the current step, in seconds since start.</summary>
    public double Now { get; set; }

    /// <summary>Number of nodes (grows when nodes are added).</summary>
    public int NodeCount => _nodes.Count;

    /// <summary>Number of cells.</summary>
    public int CellCount => _cells.Length;

    /// <summary>Changes made since the journal was last cleared.</summary>
    public IReadOnlyList<PlacementChange> Journal => _journal;

    /// <summary>Clears the journal (the simulator does it at the start of each step).</summary>
    public void ClearJournal() => _journal.Clear();

    /// <summary>Node spec by index.</summary>
    public NodeSpec Node(int node) => _nodes[node];

    /// <summary>Node index by id, or -1.</summary>
    public int NodeIndex(string id) => _nodeIndex.TryGetValue(id, out var i) ? i : -1;

    /// <summary>Power/health state of a node.</summary>
    public NodeState StateOf(int node) => _nodeStates[node];

    /// <summary>When a booting node becomes Up (seconds).</summary>
    public double BootReadyAt(int node) => _bootReadyAt[node];

    /// <summary>True when the node draws power (Up, Draining or Booting).</summary>
    public bool IsPowered(int node) => _nodeStates[node] is NodeState.Up or NodeState.Draining or NodeState.Booting;

    /// <summary>Cores of the node not given to any stack (OS cores excluded).</summary>
    public int FreeCores(int node) => _cores[node].FreeCount;

    /// <summary>Cores given to stacks on the node.</summary>
    public int UsedCores(int node) => _nodes[node].UsableCores - _cores[node].FreeCount;

    /// <summary>The node's core bitmap.</summary>
    public CoreSet CoresOfNode(int node) => _cores[node];

    /// <summary>Memory given to stacks on the node, GiB.</summary>
    public double MemoryUsed(int node) => _memoryUsed[node];

    /// <summary>NIC bandwidth used by the node's cells, Gbit/s.</summary>
    public double NicUsed(int node) => _nicUsed[node];

    /// <summary>Cells placed (primary) on the node.</summary>
    public IReadOnlyList<int> CellsOn(int node) => _cellsOn[node];

    /// <summary>Reference-to-node cost multiplier (arch and clock).</summary>
    public double NodeFactor(int node) => _nodeFactor[node];

    /// <summary>Cell spec by index.</summary>
    public CellSpec Cell(int cell) => _cells[cell];

    /// <summary>The stack profile running a cell.</summary>
    public StackProfile StackOf(int cell) => _stacks[cell];

    /// <summary>A cell's TTI in seconds.</summary>
    public double TtiOf(int cell) => _tti[cell];

    /// <summary>A cell's current demand (set by the simulator or the node agents).</summary>
    public ref readonly CellDemand Demand(int cell) => ref _demand[cell];

    /// <summary>Sets a cell's demand for this step.</summary>
    public void SetDemand(int cell, in CellDemand demand) => _demand[cell] = demand;

    /// <summary>A cell's current traffic (the sample its demand was computed from).</summary>
    public ref readonly LoadSample Load(int cell) => ref _load[cell];

    /// <summary>Sets a cell's traffic and the demand computed from it.</summary>
    public void SetLoad(int cell, in LoadSample load, in CellDemand demand)
    {
        _load[cell] = load;
        _demand[cell] = demand;
    }

    /// <summary>Node hosting the cell, or -1 when unplaced.</summary>
    public int NodeOf(int cell) => _nodeOf[cell];

    /// <summary>Exclusive core ids of the cell on its node.</summary>
    public ReadOnlySpan<int> CoresOf(int cell) => _coresOf.Of(cell);

    /// <summary>Node of the cell's hot-standby replica, or -1.</summary>
    public int StandbyNodeOf(int cell) => _standbyNodeOf[cell];

    /// <summary>Cores of the hot-standby replica.</summary>
    public ReadOnlySpan<int> StandbyCoresOf(int cell) => _standbyCoresOf.Of(cell);

    /// <summary>When the cell last moved between nodes (-inf: never).</summary>
    public double LastMovedAt(int cell) => _lastMovedAt[cell];

    /// <summary>Dense index of the cell's site.</summary>
    public int SiteOf(int cell) => _cellSite[cell];

    /// <summary>Dense index of the cell's CoMP cluster, or -1.</summary>
    public int ClusterOf(int cell) => _cellCluster[cell];

    /// <summary>Number of CoMP clusters.</summary>
    public int ClusterCount => _clusterIndex.Count;

    /// <summary>Sites known to the pool (index = dense site index).</summary>
    public int SiteCount => _siteIndex.Count;

    /// <summary>Dense index of a site, or -1.</summary>
    public int SiteIndex(string site) => _siteIndex.TryGetValue(site, out var i) ? i : -1;

    /// <summary>Latency added to a site's fronthaul by a degradation event.</summary>
    public double SiteExtraLatencyMicros(int site) => _siteExtraLatency[site];

    /// <summary>Bandwidth left on a site's fronthaul link.</summary>
    public double SiteBandwidthGbps(int site) => _siteBandwidthGbps[site];

    /// <summary>Sets a site's fronthaul condition (degradation or recovery).</summary>
    public void SetSiteLink(int site, double extraLatencyMicros, double bandwidthGbps)
    {
        _siteExtraLatency[site] = extraLatencyMicros;
        _siteBandwidthGbps[site] = bandwidthGbps;
    }

    /// <summary>
    /// Cores the cell needs on <paramref name="node"/> at its current demand, with the policy's
    /// headroom (<paramref name="withHeadroom"/>) or the bare minimum under which TTIs are missed.
    /// </summary>
    public int CoresNeeded(int cell, int node, bool withHeadroom = true) =>
        ProcessingCostModel.CoresFor(_demand[cell].MicrosPerTti, _nodeFactor[node], _tti[cell], withHeadroom ? Policy.Headroom : 0);

    /// <summary>One-way fronthaul latency from the cell's RRH to the pool (5 µs/km of fibre + switching + degradation).</summary>
    public double FronthaulLatencyMicros(int cell) =>
        (_cells[cell].FronthaulKm * FibreMicrosPerKm) + Policy.FronthaulSwitchMicros + _siteExtraLatency[_cellSite[cell]];

    /// <summary>Light in fibre: about 5 µs per km (refractive index ~1.47), the figure of seed 001.</summary>
    public const double FibreMicrosPerKm = 5.0;
}
