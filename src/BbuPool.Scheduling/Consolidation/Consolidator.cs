using BbuPool.Core.Model;
using BbuPool.Core.Policy;
using BbuPool.Core.Pool;
using BbuPool.Core.Radio;
using BbuPool.Scheduling.Framework;
using BbuPool.Scheduling.Rebalancing;

namespace BbuPool.Scheduling.Consolidation;

/// <summary>
/// Keeps the powered capacity just above the demand. Capacity and demand are in reference cores
/// (a node gives usable cores / its cost factor), as the simulator's lower bound counts them.
/// The N+k spare is the used capacity of the k most loaded nodes: the pool can lose any k nodes and
/// re-place their cells. Wakes nodes (paying their boot time) when the forecast demand plus the spare
/// exceeds the powered capacity; drains a node and powers it off when the capacity without it still
/// covers demand plus spare with a band to spare, preferring nodes below LowUtilisation for the
/// policy's window, then the smallest nodes and the fewest bytes to move.
/// </summary>
public sealed class Consolidator
{
    /// <summary>Dry-run fill limit for evacuation destinations: one core in 20 stays free for growth (a 28-core node keeps 1).</summary>
    public const double DrainFillLimit = 0.95;

    /// <summary>
    /// Dry-run fill limit while the demand is falling (<see cref="Falling"/>): the destinations'
    /// stacks shrink at the next rebalance pass, so most of the room kept for growth is not needed (a
    /// 44-core node may fill 43). Metro-large (seed 3) at 18:20 held 2,109 cores on 51 nodes while the
    /// N+2 bound was 50; 50 nodes at 95 % hold 2,090, so no drain could start and the pool was at
    /// bound + 2 when the bound fell to 49 at 18:24.
    /// </summary>
    public const double FallingTideFillLimit = 0.98;

    /// <summary>Drains of non-empty nodes started per step: 2 keeps a step's migrations (and dry runs) bounded while following a tide's decline of a node or two per period.</summary>
    public const int MaxDrainsPerStep = 2;

    /// <summary>Steps of demand history for the lower envelope (at most).</summary>
    private const int EnvelopeSteps = 64;

    private readonly PoolPolicy _policy;
    private readonly List<int> _eligible = [];
    private readonly double[] _recent = new double[EnvelopeSteps];
    private int _recentNext;
    private int _recentCount;
    private readonly List<int> _cells = [];
    private double[] _lowSince = [];
    private bool[] _ours = [];
    private double[] _drainStarted = [];
    private double[] _retryAt = [];
    private double[] _sortedCaps = [];
    private int _capsNodes = -1;
    private int _capsUnavailable = -1;
    private int _available;
    private int[] _numaFree = [];
    private int[] _used = [];
    private double[] _memory = [];
    private int _maxNuma;

    /// <summary>Creates a consolidator for the policy.</summary>
    public Consolidator(PoolPolicy policy)
    {
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
    }

    /// <summary>The demand forecaster.</summary>
    public DemandForecaster Forecaster { get; } = new();

    /// <summary>Nodes woken so far.</summary>
    public int Woken { get; private set; }

    /// <summary>Drains started so far.</summary>
    public int DrainsStarted { get; private set; }

    /// <summary>True when the consolidator itself started the drain of <paramref name="node"/> (not an operator's maintenance).</summary>
    public bool DrainedByUs(int node) => node < _ours.Length && _ours[node];

    /// <summary>Capacity of a node in reference cores.</summary>
    public static double Capacity(PoolState pool, int node)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return pool.Node(node).UsableCores / pool.NodeFactor(node);
    }

    /// <summary>One step: wakes what the forecast needs; drains and powers off what it does not.</summary>
    public void Run(CellPlacer placer, double now, double stepSeconds, bool rebalanceDue, double demand, CapacityRequests requests)
    {
        ArgumentNullException.ThrowIfNull(placer);
        ArgumentNullException.ThrowIfNull(requests);
        var pool = placer.Pool;
        Grow(pool);
        if (rebalanceDue)
        {
            Forecaster.Observe(now, demand);
        }

        // The lower envelope of the last rebalance period's demand: one noisy sample above a
        // breakpoint must not wake a node that the next sample would find one too many.
        var window = Math.Clamp((int)Math.Ceiling(_policy.RebalancePeriodSeconds / Math.Max(stepSeconds, 1e-9)), 1, _recent.Length);
        _recent[_recentNext] = demand;
        _recentNext = (_recentNext + 1) % window;
        _recentCount = Math.Min(_recentCount + 1, window);
        var low = double.MaxValue;
        for (var i = 0; i < _recentCount; i++)
        {
            low = Math.Min(low, _recent[i]);
        }

        var maxBoot = 0.0;
        for (var n = 0; n < pool.NodeCount; n++)
        {
            if (pool.StateOf(n) == NodeState.Off)
            {
                maxBoot = Math.Max(maxBoot, pool.Node(n).BootSeconds);
            }
        }

        var k = _policy.Consolidation.SpareNodes;
        // Look ahead one boot plus one step plus one rebalance period: a node woken now is Up before the demand arrives.
        var lead = maxBoot + stepSeconds + _policy.RebalancePeriodSeconds;
        var cap = LowerBound(pool, demand, k);
        var target = Math.Min(cap, LowerBound(pool, Forecaster.Forecast(now, lead, low), k));
        // Dry runs that failed are retried at once when the picture changed: a rebalance pass shrinks
        // stacks to their smoothed need (metro-large at 18:30 freed 39 cores that way) and a lower
        // target may need only one drain where the failed attempt wanted more.
        var fresh = rebalanceDue || target < LastTarget;
        LastTarget = target;
        // Falling: the last rebalance period's fall, continued over the look-ahead, takes the bound
        // itself down, and nothing forecasts a rise. The 40-minute trend lags a tide's turn (metro-large,
        // seed 3, at 18:20 still saw 2 cores per 5 min where the demand fell 25), and a plateau's
        // noise must not count: packing to the falling-tide limit there woke and drained nodes all day.
        var wasFalling = Falling;
        var fall = Forecaster.RecentSlope();
        Falling = fall < 0 && Forecaster.Forecast(now, lead, demand) <= demand + 1e-9 &&
            LowerBound(pool, demand + (fall * lead), k) < cap;
        // A new fill limit is a new picture too.
        fresh |= Falling && !wasFalling;
        Wake(placer, target, requests);
        if (_policy.Consolidation.Enabled)
        {
            Drain(placer, now, target, fresh);
        }
    }

    /// <summary>True when the last step saw the demand falling (the last rebalance period's fall, continued over the look-ahead, lowers the bound, and no rise is forecast); drains may then fill destinations to <see cref="FallingTideFillLimit"/>.</summary>
    public bool Falling { get; private set; }

    /// <summary>Nodes the consolidator aimed at in the last step (lower bound of the demand's lower envelope + k).</summary>
    public int LastTarget { get; private set; }

    /// <summary>Nodes powered and accepting or about to (Up or Booting; draining ones are on their way out).</summary>
    public static int Active(PoolState pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var count = 0;
        for (var n = 0; n < pool.NodeCount; n++)
        {
            count += pool.StateOf(n) is NodeState.Up or NodeState.Booting ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// Fewest available nodes (largest first) whose capacities cover <paramref name="demand"/> after
    /// losing the <paramref name="spare"/> largest of them (N+k), as the simulator's lower bound
    /// counts cores. With unequal nodes this is more than the spare-free bound + k: the nodes left
    /// after a loss are the smaller ones.
    /// </summary>
    public int LowerBound(PoolState pool, double demand, int spare = 0)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var unavailable = 0;
        for (var n = 0; n < pool.NodeCount; n++)
        {
            unavailable += pool.StateOf(n) == NodeState.Failed || pool.InMaintenance(n) ? n + 1 : 0;
        }

        if (unavailable != _capsUnavailable || pool.NodeCount != _capsNodes)
        {
            _capsUnavailable = unavailable;
            _capsNodes = pool.NodeCount;
            if (_sortedCaps.Length < pool.NodeCount)
            {
                _sortedCaps = new double[pool.NodeCount];
            }

            _available = 0;
            for (var n = 0; n < pool.NodeCount; n++)
            {
                if (pool.StateOf(n) != NodeState.Failed && !pool.InMaintenance(n))
                {
                    _sortedCaps[_available++] = -Capacity(pool, n);
                }
            }

            Array.Sort(_sortedCaps, 0, _available);
        }

        spare = Math.Clamp(spare, 0, _available);
        var sum = 0.0;
        for (var i = spare; i < _available; i++)
        {
            if (sum >= demand - 1e-9)
            {
                return i;
            }

            sum -= _sortedCaps[i];
        }

        return _available;
    }

    private void Wake(CellPlacer placer, int target, CapacityRequests requests)
    {
        var pool = placer.Pool;
        var active = Active(pool);
        // Cells that found no node (or no room to grow) force capacity beyond the target: one node
        // per step until they fit, of the arch they need, unless one is already booting.
        var forced = requests.Cells > 0 && !AnyComing(pool, null);
        var wantX64 = requests.X64Only > 0 && !AnyComing(pool, CpuArch.X64);
        var wantArm = requests.Arm64Only > 0 && !AnyComing(pool, CpuArch.Arm64);
        while (active < target || forced || wantX64 || wantArm)
        {
            // A drain of ours is the cheapest capacity: cancel it before booting anything.
            var cancel = -1;
            for (var n = 0; n < pool.NodeCount; n++)
            {
                if (pool.StateOf(n) == NodeState.Draining && DrainedByUs(n) && !pool.InMaintenance(n) &&
                    (cancel < 0 || Capacity(pool, n) > Capacity(pool, cancel)))
                {
                    cancel = n;
                }
            }

            if (cancel >= 0 && !wantX64 && !wantArm)
            {
                pool.CancelDrain(cancel);
                _ours[cancel] = false;
                placer.Index.Update(cancel);
                active++;
                forced = false;
                continue;
            }

            var arch = wantX64 ? CpuArch.X64 : wantArm ? CpuArch.Arm64 : (CpuArch?)null;
            var best = -1;
            for (var n = 0; n < pool.NodeCount; n++)
            {
                if (pool.StateOf(n) != NodeState.Off || pool.InMaintenance(n) || (arch is { } a && pool.Node(n).Arch != a))
                {
                    continue;
                }

                // Largest first (the lower bound counts the largest nodes), then the lower idle power.
                if (best < 0 || Capacity(pool, n) > Capacity(pool, best) + 1e-9 ||
                    (Math.Abs(Capacity(pool, n) - Capacity(pool, best)) <= 1e-9 && pool.Node(n).IdleWatts < pool.Node(best).IdleWatts))
                {
                    best = n;
                }
            }

            if (arch == CpuArch.X64)
            {
                wantX64 = false;
            }
            else if (arch == CpuArch.Arm64)
            {
                wantArm = false;
            }
            else
            {
                forced = false;
            }

            if (best < 0 || !pool.PowerOn(best))
            {
                if (arch is null)
                {
                    break;
                }

                continue;
            }

            Woken++;
            active++;
        }
    }

    private static bool AnyComing(PoolState pool, CpuArch? arch)
    {
        for (var n = 0; n < pool.NodeCount; n++)
        {
            if (pool.StateOf(n) == NodeState.Booting && (arch is null || pool.Node(n).Arch == arch))
            {
                return true;
            }
        }

        return false;
    }

    private void Drain(CellPlacer placer, double now, int target, bool fresh)
    {
        var pool = placer.Pool;
        var policy = _policy.Consolidation;
        if (fresh)
        {
            Array.Clear(_retryAt);
        }

        for (var n = 0; n < pool.NodeCount; n++)
        {
            if (pool.StateOf(n) == NodeState.Draining && DrainedByUs(n) && now - _drainStarted[n] > policy.WindowSeconds && !pool.InMaintenance(n))
            {
                // A drain that cannot finish within the window is given up (cells stuck in cooldown or on a degraded link).
                pool.CancelDrain(n);
                _ours[n] = false;
                placer.Index.Update(n);
            }

            if (pool.StateOf(n) == NodeState.Up && Rebalancer.Utilisation(pool, n) < policy.LowUtilisation)
            {
                if (double.IsNaN(_lowSince[n]))
                {
                    _lowSince[n] = now;
                }
            }
            else
            {
                _lowSince[n] = double.NaN;
            }
        }

        var active = Active(pool);
        _eligible.Clear();
        for (var n = 0; n < pool.NodeCount; n++)
        {
            // Only beyond the target (never below N+k); nodes below LowUtilisation for the window go first.
            if (pool.StateOf(n) == NodeState.Up && active > target)
            {
                _eligible.Add(n);
            }
        }

        if (_eligible.Count == 0)
        {
            return;
        }

        _eligible.Sort((a, b) =>
        {
            var byEmpty = (pool.CellsOn(b).Count == 0).CompareTo(pool.CellsOn(a).Count == 0);
            if (byEmpty != 0)
            {
                return byEmpty;
            }

            var byLow = LowLongEnough(b, now).CompareTo(LowLongEnough(a, now));
            if (byLow != 0)
            {
                return byLow;
            }

            // Smallest node first: the lower bound counts the largest nodes, so keep those.
            if (Math.Abs(Capacity(pool, a) - Capacity(pool, b)) > 1e-9)
            {
                return Capacity(pool, a).CompareTo(Capacity(pool, b));
            }

            var byBytes = Bytes(pool, a).CompareTo(Bytes(pool, b));
            return byBytes != 0 ? byBytes : b.CompareTo(a);
        });

        var started = 0;
        foreach (var n in _eligible)
        {
            if (active <= target)
            {
                break;
            }

            if (pool.CellsOn(n).Count == 0 && pool.PowerOff(n))
            {
                placer.Index.Update(n);
                active--;
                continue;
            }

            if (now < _retryAt[n])
            {
                continue;
            }

            if (!AllMovable(pool, n, now) || !DryRunFits(placer, n))
            {
                // Do not redo an O(cells x nodes) dry run every step for a node that did not fit:
                // look again after a rebalance period, when loads and cooldowns have moved.
                _retryAt[n] = now + _policy.RebalancePeriodSeconds;
                continue;
            }

            pool.StartDrain(n);
            placer.Index.Update(n);
            _ours[n] = true;
            _drainStarted[n] = now;
            DrainsStarted++;
            active--;
            if (++started >= MaxDrainsPerStep)
            {
                break;
            }
        }
    }

    private bool LowLongEnough(int node, double now) =>
        !double.IsNaN(_lowSince[node]) && now - _lowSince[node] >= _policy.Consolidation.WindowSeconds;

    private static long Bytes(PoolState pool, int node)
    {
        long bytes = 0;
        foreach (var c in pool.CellsOn(node))
        {
            bytes += pool.Demand(c).StateBytes;
        }

        return bytes;
    }

    private static bool AllMovable(PoolState pool, int node, double now)
    {
        foreach (var c in pool.CellsOn(node))
        {
            if (!Rebalancer.OutOfCooldown(pool, c, now) ||
                pool.FronthaulLatencyMicros(c) > RadioTables.FronthaulBudgetMicros(pool.Cell(c).Rat))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Would every cell of <paramref name="node"/> find room elsewhere at the safe load? A first-fit
    /// dry run on copies of the other Up nodes' per-NUMA free cores, memory and the CoMP rule.
    /// </summary>
    private bool DryRunFits(CellPlacer placer, int node)
    {
        var pool = placer.Pool;
        var high = Math.Max(_policy.Consolidation.HighUtilisation, Falling ? FallingTideFillLimit : DrainFillLimit);
        for (var m = 0; m < pool.NodeCount; m++)
        {
            var spec = pool.Node(m);
            _used[m] = pool.UsedCores(m);
            _memory[m] = pool.MemoryUsed(m);
            var set = pool.CoresOfNode(m);
            for (var d = 0; d < _maxNuma; d++)
            {
                _numaFree[(m * _maxNuma) + d] = d < spec.NumaNodes && pool.StateOf(m) == NodeState.Up && m != node ? set.FreeInNuma(d) : 0;
            }
        }

        _cells.Clear();
        _cells.AddRange(pool.CellsOn(node));
        _cells.Sort((a, b) =>
        {
            var bySize = pool.CoresOf(b).Length.CompareTo(pool.CoresOf(a).Length);
            return bySize != 0 ? bySize : a.CompareTo(b);
        });
        foreach (var c in _cells)
        {
            var placed = false;
            for (var m = 0; m < pool.NodeCount && !placed; m++)
            {
                if (m == node || pool.StateOf(m) != NodeState.Up || m == pool.StandbyNodeOf(c) || !pool.StackOf(c).Supports(pool.Node(m).Arch))
                {
                    continue;
                }

                var spec = pool.Node(m);
                var need = pool.CoresNeeded(c, m);
                if (_used[m] + need > high * spec.UsableCores || _memory[m] + pool.Demand(c).MemoryGiB > spec.MemoryGiB || !CompOk(placer, c, node, m))
                {
                    continue;
                }

                var best = -1;
                for (var d = 0; d < spec.NumaNodes; d++)
                {
                    var free = _numaFree[(m * _maxNuma) + d];
                    if (free >= need && (best < 0 || free < _numaFree[(m * _maxNuma) + best]))
                    {
                        best = d;
                    }
                }

                if (best < 0)
                {
                    continue;
                }

                _numaFree[(m * _maxNuma) + best] -= need;
                _used[m] += need;
                _memory[m] += pool.Demand(c).MemoryGiB;
                placed = true;
            }

            if (!placed)
            {
                return false;
            }
        }

        return true;
    }

    private bool CompOk(CellPlacer placer, int cell, int drained, int candidate)
    {
        var pool = placer.Pool;
        foreach (var member in placer.Index.ClusterMembers(pool.ClusterOf(cell)))
        {
            var at = pool.NodeOf(member);
            if (member != cell && at >= 0 && at != drained && placer.Index.InterNodeMicros(candidate, at) > _policy.CompMaxInterNodeMicros)
            {
                return false;
            }
        }

        return true;
    }

    private void Grow(PoolState pool)
    {
        var n = pool.NodeCount;
        if (_lowSince.Length >= n)
        {
            return;
        }

        var old = _lowSince.Length;
        Array.Resize(ref _lowSince, n);
        Array.Fill(_lowSince, double.NaN, old, n - old);
        Array.Resize(ref _ours, n);
        Array.Resize(ref _drainStarted, n);
        Array.Resize(ref _retryAt, n);
        Array.Resize(ref _used, n);
        Array.Resize(ref _memory, n);
        for (var i = 0; i < n; i++)
        {
            _maxNuma = Math.Max(_maxNuma, pool.Node(i).NumaNodes);
        }

        _numaFree = new int[n * _maxNuma];
    }
}
