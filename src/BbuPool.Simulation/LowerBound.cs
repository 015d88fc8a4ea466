using BbuPool.Core.Model;
using BbuPool.Core.Pool;

namespace BbuPool.Simulation;

/// <summary>
/// The fewest nodes that could hold a demand: for each resource (cores, memory, NIC), the
/// smallest k such that the k largest available nodes' capacities cover the summed demand; the
/// bound is the max over resources (DESIGN.md: max over resources of ceil(Σ demand / capacity),
/// generalised to unequal nodes). Cores are in reference-core units so x86 and ARM nodes compare.
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

    /// <summary>Fewest nodes for the demand (nodes beyond the pool are counted at the average size).</summary>
    public int Nodes(double cores, double memoryGiB, double nicGbps) =>
        Math.Max(Count(_cores, cores), Math.Max(Count(_memory, memoryGiB), Count(_nic, nicGbps)));

    private int Count(double[] ascending, double demand)
    {
        if (demand <= 0 || _available == 0)
        {
            return 0;
        }

        var sum = 0.0;
        for (var k = 1; k <= _available; k++)
        {
            sum += ascending[_available - k];
            if (sum >= demand - 1e-9)
            {
                return k;
            }
        }

        var average = sum / _available;
        return _available + (int)Math.Ceiling((demand - sum) / average);
    }
}
