using BbuPool.Core.Model;

namespace BbuPool.Core.Pool;

public sealed partial class PoolState
{
    /// <summary>Adds a node, powered off. Returns its index.</summary>
    public int AddNode(NodeSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (_nodeIndex.ContainsKey(spec.Id))
        {
            throw new ArgumentException($"duplicate node id {spec.Id}", nameof(spec));
        }

        var index = _nodes.Count;
        _nodes.Add(spec);
        _nodeStates.Add(NodeState.Off);
        _bootReadyAt.Add(0);
        _cores.Add(new CoreSet(spec.Cores, spec.NumaNodes, spec.OsReservedCores));
        _nodeFactor.Add(_costModel.NodeFactor(spec.Arch, spec.ClockGhz));
        _cellsOn.Add([]);
        _memoryUsed.Add(0);
        _nicUsed.Add(0);
        _maintenanceUntil.Add(double.NegativeInfinity);
        _nodeIndex.Add(spec.Id, index);
        // Null while the constructor adds the first nodes (the cell tables are sized after them).
        _coresOf?.EnsureStride(spec.CoresPerNuma);
        _standbyCoresOf?.EnsureStride(spec.CoresPerNuma);
        if (_scratch.Length < spec.CoresPerNuma)
        {
            _scratch = new int[spec.CoresPerNuma];
        }

        return index;
    }

    /// <summary>Powers a node on: Off -> Booting, Up after its boot time (<see cref="AdvanceBoots"/>).</summary>
    public bool PowerOn(int node)
    {
        if (_nodeStates[node] != NodeState.Off || _maintenanceUntil[node] > Now)
        {
            return false;
        }

        _nodeStates[node] = NodeState.Booting;
        _bootReadyAt[node] = Now + _nodes[node].BootSeconds;
        return true;
    }

    /// <summary>Brings a node up at once (initial state of a scenario: the pool starts powered).</summary>
    public void BringUp(int node)
    {
        if (_nodeStates[node] is NodeState.Off or NodeState.Booting)
        {
            _nodeStates[node] = NodeState.Up;
        }
    }

    /// <summary>Powers off an empty node (Up or Draining). Returns false when stacks remain on it.</summary>
    public bool PowerOff(int node)
    {
        if (_nodeStates[node] is not (NodeState.Up or NodeState.Draining) || _cellsOn[node].Count > 0 || HasStandbys(node))
        {
            return false;
        }

        _nodeStates[node] = NodeState.Off;
        return true;
    }

    /// <summary>Stops new placements on a node so its stacks can be moved away.</summary>
    public bool StartDrain(int node)
    {
        if (_nodeStates[node] != NodeState.Up)
        {
            return false;
        }

        _nodeStates[node] = NodeState.Draining;
        return true;
    }

    /// <summary>
    /// Operator maintenance: drain the node and keep it off until <paramref name="until"/>
    /// (schedulers cannot wake it before).
    /// </summary>
    public bool StartMaintenance(int node, double until)
    {
        _maintenanceUntil[node] = until;
        return _nodeStates[node] == NodeState.Off || StartDrain(node);
    }

    /// <summary>True while the node is held out of service for maintenance.</summary>
    public bool InMaintenance(int node) => _maintenanceUntil[node] > Now;

    /// <summary>Returns a draining node to service.</summary>
    public bool CancelDrain(int node)
    {
        if (_nodeStates[node] != NodeState.Draining)
        {
            return false;
        }

        _nodeStates[node] = NodeState.Up;
        return true;
    }

    /// <summary>
    /// A node fails: every stack and replica on it stops. Its cells become unplaced (journalled with
    /// reason "node failed") and its replicas vanish. Returns the cells that lost their primary.
    /// </summary>
    public IReadOnlyList<int> Fail(int node)
    {
        var lost = new List<int>(_cellsOn[node]);
        foreach (var cell in lost)
        {
            Detach(cell, node);
            _journal.Add(new PlacementChange(cell, PlacementChangeKind.Unplace, node, -1, 0, "node failed"));
        }

        for (var c = 0; c < _cells.Length; c++)
        {
            if (_standbyNodeOf[c] == node)
            {
                RemoveStandby(c);
            }
        }

        _nodeStates[node] = NodeState.Failed;
        return lost;
    }

    /// <summary>A failed node is repaired; it returns powered off.</summary>
    public bool Repair(int node)
    {
        if (_nodeStates[node] != NodeState.Failed)
        {
            return false;
        }

        _nodeStates[node] = NodeState.Off;
        return true;
    }

    /// <summary>Moves Booting nodes whose boot time has passed to Up.</summary>
    public void AdvanceBoots()
    {
        for (var n = 0; n < _nodes.Count; n++)
        {
            if (_nodeStates[n] == NodeState.Booting && _bootReadyAt[n] <= Now + 1e-9)
            {
                _nodeStates[n] = NodeState.Up;
            }
        }
    }

    private bool HasStandbys(int node)
    {
        for (var c = 0; c < _cells.Length; c++)
        {
            if (_standbyNodeOf[c] == node)
            {
                return true;
            }
        }

        return false;
    }
}
