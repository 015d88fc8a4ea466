namespace BbuPool.Core.Pool;

public sealed partial class PoolState
{
    /// <summary>
    /// Places <paramref name="cell"/> on <paramref name="node"/> with <paramref name="cores"/> exclusive
    /// cores from one NUMA domain. If the cell is already on another node this is a live migration
    /// (make-before-break: the destination cores are taken before the source's are released).
    /// Returns false, changing nothing, when the node is not accepting or lacks cores, memory or NIC.
    /// </summary>
    public bool TryPlace(int cell, int node, int cores, string reason)
    {
        var from = _nodeOf[cell];
        if (from == node)
        {
            return TryResize(cell, cores, reason);
        }

        if (_nodeStates[node] != Model.NodeState.Up || cores <= 0)
        {
            return false;
        }

        ref readonly var d = ref _demand[cell];
        if (_memoryUsed[node] + d.MemoryGiB > _nodes[node].MemoryGiB + 1e-9 ||
            _nicUsed[node] + d.NicGbps > _nodes[node].NicGbps + 1e-9)
        {
            return false;
        }

        if (cores > _scratch.Length || !_cores[node].TryTake(cores, _scratch))
        {
            return false;
        }

        // The destination's cores are taken (in _scratch) before the source's are released.
        var taken = _scratch.AsSpan(0, cores);
        if (from >= 0)
        {
            Detach(cell, from);
        }

        Attach(cell, node, taken);
        var kind = from < 0 ? PlacementChangeKind.Place : PlacementChangeKind.Move;
        if (kind == PlacementChangeKind.Move)
        {
            _lastMovedAt[cell] = Now;
        }

        _journal.Add(new PlacementChange(cell, kind, from, node, cores, reason));
        return true;
    }

    /// <summary>Places a cell that lost its node (failure) on <paramref name="node"/>; journalled as failover.</summary>
    public bool TryFailover(int cell, int lostNode, int node, int cores, string reason)
    {
        if (_nodeOf[cell] >= 0 || !TryPlace(cell, node, cores, reason))
        {
            return false;
        }

        // TryPlace journalled a Place; a failover is a different event for the report.
        _journal[^1] = new PlacementChange(cell, PlacementChangeKind.Failover, lostNode, node, cores, reason);
        _lastMovedAt[cell] = Now;
        return true;
    }

    /// <summary>
    /// Gives the cell <paramref name="cores"/> cores on its current node: grows in its NUMA domain,
    /// or re-pins to another domain of the same node, or shrinks. No migration.
    /// </summary>
    public bool TryResize(int cell, int cores, string reason)
    {
        var node = _nodeOf[cell];
        if (node < 0 || cores <= 0)
        {
            return false;
        }

        var have = _coresOf.CountOf(cell);
        if (cores == have)
        {
            return true;
        }

        if (cores > _coresOf.Stride)
        {
            return false;
        }

        var set = _cores[node];
        var slots = _coresOf.Slots(cell);
        if (cores < have)
        {
            set.Release(slots[cores..have]);
        }
        else if (!set.TryTakeIn(set.NumaOf(slots[0]), cores - have, slots[have..cores]))
        {
            // Re-pin in another domain: take the new cores before releasing the old ones.
            var moved = _scratch.AsSpan(0, cores);
            if (!set.TryTake(cores, moved))
            {
                return false;
            }

            set.Release(slots[..have]);
            moved.CopyTo(slots);
        }

        _coresOf.SetCount(cell, cores);
        _journal.Add(new PlacementChange(cell, PlacementChangeKind.Resize, node, node, cores, reason));
        return true;
    }

    /// <summary>Takes the cell off its node (no capacity left anywhere); it stops serving.</summary>
    public void Unplace(int cell, string reason)
    {
        var from = _nodeOf[cell];
        if (from < 0)
        {
            return;
        }

        Detach(cell, from);
        _journal.Add(new PlacementChange(cell, PlacementChangeKind.Unplace, from, -1, 0, reason));
    }

    /// <summary>Places (or moves) the cell's hot-standby replica; never on the primary's node.</summary>
    public bool TryPlaceStandby(int cell, int node, int cores, string reason)
    {
        if (node == _nodeOf[cell] || _nodeStates[node] != Model.NodeState.Up || cores <= 0)
        {
            return false;
        }

        if (cores > _scratch.Length || !_cores[node].TryTake(cores, _scratch))
        {
            return false;
        }

        RemoveStandby(cell);
        _standbyNodeOf[cell] = node;
        _standbyCoresOf.Set(cell, _scratch.AsSpan(0, cores));
        _journal.Add(new PlacementChange(cell, PlacementChangeKind.Standby, -1, node, cores, reason));
        return true;
    }

    /// <summary>Removes the cell's hot-standby replica, if any.</summary>
    public void RemoveStandby(int cell)
    {
        var node = _standbyNodeOf[cell];
        if (node < 0)
        {
            return;
        }

        _cores[node].Release(_standbyCoresOf.Of(cell));
        _standbyNodeOf[cell] = -1;
        _standbyCoresOf.SetCount(cell, 0);
    }

    /// <summary>
    /// Promotes the cell's hot-standby replica to primary (failover with no state loss): the
    /// replica's cores become the cell's.
    /// </summary>
    public bool TryPromoteStandby(int cell, int lostNode, string reason)
    {
        var node = _standbyNodeOf[cell];
        if (node < 0 || _nodeOf[cell] >= 0 || _nodeStates[node] is not (Model.NodeState.Up or Model.NodeState.Draining))
        {
            return false;
        }

        var cores = _standbyCoresOf.Of(cell);
        _standbyNodeOf[cell] = -1;
        Attach(cell, node, cores);
        _standbyCoresOf.SetCount(cell, 0);
        _lastMovedAt[cell] = Now;
        _journal.Add(new PlacementChange(cell, PlacementChangeKind.Failover, lostNode, node, cores.Length, reason));
        return true;
    }

    private void Attach(int cell, int node, ReadOnlySpan<int> cores)
    {
        ref readonly var d = ref _demand[cell];
        _nodeOf[cell] = node;
        _coresOf.Set(cell, cores);
        _cellsOn[node].Add(cell);
        _memoryUsed[node] += d.MemoryGiB;
        _nicUsed[node] += d.NicGbps;
        _attachedMemory[cell] = d.MemoryGiB;
        _attachedNic[cell] = d.NicGbps;
    }

    private void Detach(int cell, int node)
    {
        _cores[node].Release(_coresOf.Of(cell));
        _cellsOn[node].Remove(cell);
        _memoryUsed[node] -= _attachedMemory[cell];
        _nicUsed[node] -= _attachedNic[cell];
        _nodeOf[cell] = -1;
        _coresOf.SetCount(cell, 0);
    }

    /// <summary>Re-books memory and NIC of placed cells at their current demand (loads move every step).</summary>
    public void RefreshResourceUse()
    {
        for (var c = 0; c < _cells.Length; c++)
        {
            var node = _nodeOf[c];
            if (node < 0)
            {
                continue;
            }

            ref readonly var d = ref _demand[c];
            _memoryUsed[node] += d.MemoryGiB - _attachedMemory[c];
            _nicUsed[node] += d.NicGbps - _attachedNic[c];
            _attachedMemory[c] = d.MemoryGiB;
            _attachedNic[c] = d.NicGbps;
        }
    }
}
