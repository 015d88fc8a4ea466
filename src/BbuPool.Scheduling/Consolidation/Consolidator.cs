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
    /// <summary>Hysteresis: a node is drained only if the rest keeps 5 % of that node's capacity beyond the need, so demand noise cannot make a drain and a wake alternate.</summary>
    public const double Band = 0.05;

    private readonly PoolPolicy _policy;
    private readonly List<int> _eligible = [];
    private readonly List<int> _cells = [];
    private double[] _lowSince = [];
    private bool[] _ours = [];
    private double[] _drainStarted = [];
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

    /// <summary>The need (forecast demand + spare + unmet requests) at the last run, reference cores.</summary>
    public double LastNeed { get; private set; }

    /// <summary>Powered capacity (Up and Booting) after the last run, reference cores.</summary>
    public double LastCapacity { get; private set; }

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

        var capacity = 0.0;
        var powered = 0;
        var maxBoot = 0.0;
        for (var n = 0; n < pool.NodeCount; n++)
        {
            var state = pool.StateOf(n);
            powered += pool.IsPowered(n) ? 1 : 0;
            if (state is NodeState.Up or NodeState.Booting)
            {
                capacity += Capacity(pool, n);
            }
            else if (state == NodeState.Off)
            {
                maxBoot = Math.Max(maxBoot, pool.Node(n).BootSeconds);
            }
        }

        var k = _policy.Consolidation.SpareNodes;
        var spare = Spare(pool, k);
        // Look ahead one boot plus one step plus one rebalance period: a node woken now is Up before the demand arrives.
        var lead = maxBoot + stepSeconds + _policy.RebalancePeriodSeconds;
        var need = Forecaster.Forecast(now, lead, demand) + spare + requests.ShortCores;
        var cap = LowerBound(pool, demand) + k;
        capacity = Wake(placer, need, capacity, powered, cap, requests);
        LastNeed = need;
        if (_policy.Consolidation.Enabled)
        {
            capacity = Drain(placer, now, need, capacity);
        }

        LastCapacity = capacity;
    }

    /// <summary>Fewest available nodes (largest first) whose capacities cover <paramref name="demand"/>, as the simulator's lower bound counts cores.</summary>
    public int LowerBound(PoolState pool, double demand)
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

        var sum = 0.0;
        for (var i = 0; i < _available; i++)
        {
            if (sum >= demand - 1e-9)
            {
                return i;
            }

            sum -= _sortedCaps[i];
        }

        return _available;
    }

    private static double Spare(PoolState pool, int k)
    {
        // The k largest used capacities, by insertion into a tiny sorted buffer (k is 1 or 2).
        Span<double> top = stackalloc double[Math.Clamp(k, 0, 8)];
        for (var n = 0; n < pool.NodeCount; n++)
        {
            if (pool.StateOf(n) is not (NodeState.Up or NodeState.Draining))
            {
                continue;
            }

            var used = pool.UsedCores(n) / pool.NodeFactor(n);
            for (var i = 0; i < top.Length; i++)
            {
                if (used > top[i])
                {
                    (top[i], used) = (used, top[i]);
                }
            }
        }

        var spare = 0.0;
        foreach (var t in top)
        {
            spare += t;
        }

        return spare;
    }

    private double Wake(CellPlacer placer, double need, double capacity, int powered, int cap, CapacityRequests requests)
    {
        var pool = placer.Pool;
        var forced = requests.Cells > 0;
        var wantX64 = requests.X64Only > 0 && !AnyComing(pool, CpuArch.X64);
        var wantArm = requests.Arm64Only > 0 && !AnyComing(pool, CpuArch.Arm64);
        while (capacity < need - 1e-9 || wantX64 || wantArm)
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
                capacity += Capacity(pool, cancel);
                continue;
            }

            if (powered >= cap && !forced)
            {
                break;
            }

            var arch = wantX64 ? CpuArch.X64 : wantArm ? CpuArch.Arm64 : (CpuArch?)null;
            var best = -1;
            for (var n = 0; n < pool.NodeCount; n++)
            {
                if (pool.StateOf(n) != NodeState.Off || pool.InMaintenance(n) || (arch is { } a && pool.Node(n).Arch != a))
                {
                    continue;
                }

                if (best < 0 || Capacity(pool, n) > Capacity(pool, best) + 1e-9 ||
                    (Math.Abs(Capacity(pool, n) - Capacity(pool, best)) <= 1e-9 && pool.Node(n).IdleWatts < pool.Node(best).IdleWatts))
                {
                    best = n;
                }
            }

            if (best < 0 || !pool.PowerOn(best))
            {
                if (arch is not null)
                {
                    wantX64 = wantArm = false;
                    continue;
                }

                break;
            }

            Woken++;
            powered++;
            capacity += Capacity(pool, best);
            if (arch == CpuArch.X64)
            {
                wantX64 = false;
            }
            else if (arch == CpuArch.Arm64)
            {
                wantArm = false;
            }
        }

        return capacity;
    }

    private static bool AnyComing(PoolState pool, CpuArch arch)
    {
        for (var n = 0; n < pool.NodeCount; n++)
        {
            if (pool.StateOf(n) == NodeState.Booting && pool.Node(n).Arch == arch)
            {
                return true;
            }
        }

        return false;
    }

    private double Drain(CellPlacer placer, double now, double need, double capacity)
    {
        var pool = placer.Pool;
        var policy = _policy.Consolidation;
        var activeDrain = false;
        for (var n = 0; n < pool.NodeCount; n++)
        {
            if (pool.StateOf(n) == NodeState.Draining && DrainedByUs(n))
            {
                if (now - _drainStarted[n] > policy.WindowSeconds && !pool.InMaintenance(n))
                {
                    // A drain that cannot finish within the window is given up (cells stuck in cooldown or on a degraded link).
                    pool.CancelDrain(n);
                    _ours[n] = false;
                    placer.Index.Update(n);
                    capacity += Capacity(pool, n);
                }
                else
                {
                    activeDrain = true;
                }
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

        _eligible.Clear();
        for (var n = 0; n < pool.NodeCount; n++)
        {
            if (pool.StateOf(n) == NodeState.Up && capacity - Capacity(pool, n) >= need + (Band * Capacity(pool, n)))
            {
                _eligible.Add(n);
            }
        }

        if (_eligible.Count == 0)
        {
            return capacity;
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

            var byCap = Capacity(pool, a).CompareTo(Capacity(pool, b));
            if (Math.Abs(Capacity(pool, a) - Capacity(pool, b)) > 1e-9)
            {
                return byCap;
            }

            var byBytes = Bytes(pool, a).CompareTo(Bytes(pool, b));
            return byBytes != 0 ? byBytes : b.CompareTo(a);
        });

        foreach (var n in _eligible)
        {
            if (capacity - Capacity(pool, n) < need + (Band * Capacity(pool, n)))
            {
                continue;
            }

            if (pool.CellsOn(n).Count == 0 && pool.PowerOff(n))
            {
                placer.Index.Update(n);
                capacity -= Capacity(pool, n);
                continue;
            }

            if (activeDrain || !AllMovable(pool, n, now) || !DryRunFits(placer, n))
            {
                continue;
            }

            pool.StartDrain(n);
            placer.Index.Update(n);
            _ours[n] = true;
            _drainStarted[n] = now;
            DrainsStarted++;
            activeDrain = true;
            capacity -= Capacity(pool, n);
        }

        return capacity;
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
        var high = _policy.Consolidation.HighUtilisation;
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
        Array.Resize(ref _used, n);
        Array.Resize(ref _memory, n);
        for (var i = 0; i < n; i++)
        {
            _maxNuma = Math.Max(_maxNuma, pool.Node(i).NumaNodes);
        }

        _numaFree = new int[n * _maxNuma];
    }
}
