using BbuPool.Core.Model;
using BbuPool.Core.Pool;

namespace BbuPool.Simulation;

/// <summary>
/// The fewest nodes that could hold a demand: for each resource (cores, memory, NIC), the
/// smallest k such that the k largest available nodes' capacities cover the summed demand; the
/// bound is the max over resources (DESIGN.md: max over resources of ceil(Σ demand / capacity),
/// generalised to unequal nodes). Cores are in reference-core units so x86 and ARM nodes compare.
/// With a policy spare of k nodes (N+k) the bound is the fewest nodes that still cover the demand
/// after losing their k largest: a scheduler that obeys the policy can never power fewer
/// (docs/simulation.md, "Lower bound").
/// </summary>
internal sealed class LowerBound
{
    private double[] _cores = [];
    private double[] _memory = [];
    private double[] _nic = [];
    private int _available;

    /// <summary>Rebuilds the capacity tables from nodes that are not failed or held for maintenance.</summary>
    public void Refresh(PoolState pool)
    {
        var n = pool.NodeCount;
        if (_cores.Length < n)
        {
            _cores = new double[n];
            _memory = new double[n];
            _nic = new double[n];
        }

        _available = 0;
        for (var i = 0; i < n; i++)
        {
            if (pool.StateOf(i) == NodeState.Failed || pool.InMaintenance(i))
            {
                continue;
            }

            var spec = pool.Node(i);
            _cores[_available] = spec.UsableCores / pool.NodeFactor(i);
            _memory[_available] = spec.MemoryGiB;
            _nic[_available] = spec.NicGbps;
            _available++;
        }

        Array.Sort(_cores, 0, _available);
        Array.Sort(_memory, 0, _available);
        Array.Sort(_nic, 0, _available);
    }

    /// <summary>
    /// Fewest nodes for the demand that can lose any <paramref name="spare"/> of them and still hold it
    /// (nodes beyond the pool are counted at the average size).
    /// </summary>
    public int Nodes(double cores, double memoryGiB, double nicGbps, int spare = 0) =>
        Math.Max(Count(_cores, cores, spare), Math.Max(Count(_memory, memoryGiB, spare), Count(_nic, nicGbps, spare)));

    private int Count(double[] ascending, double demand, int spare)
    {
        if (demand <= 0 || _available == 0)
        {
            return 0;
        }

        // The best set of m nodes is the m largest; losing its k largest leaves nodes k+1..m, which
        // must cover the demand on their own. So the k largest are spares and counting starts after them.
        spare = Math.Clamp(spare, 0, _available);
        var sum = 0.0;
        var total = 0.0;
        for (var k = 1; k <= _available; k++)
        {
            total += ascending[_available - k];
            if (k <= spare)
            {
                continue;
            }

            sum += ascending[_available - k];
            if (sum >= demand - 1e-9)
            {
                return k;
            }
        }

        var average = total / _available;
        return _available + (int)Math.Ceiling((demand - sum) / average);
    }
}
