using System.Globalization;
using BbuPool.Core.Model;
using BbuPool.Core.Pool;
using BbuPool.StatePlane;

namespace BbuPool.Simulation.Recording;

public sealed partial class StatePlaneRecorder
{
    private void SyncNodes(PoolState pool)
    {
        if (_nodeStates.Length < pool.NodeCount)
        {
            var old = _nodeStates.Length;
            Array.Resize(ref _nodeStates, pool.NodeCount);
            for (var n = old; n < pool.NodeCount; n++)
            {
                Wait(_plane.RegisterNodeAsync(pool.Node(n)));
                _nodeStates[n] = (NodeState)(-1);
            }
        }

        for (var n = 0; n < pool.NodeCount; n++)
        {
            var state = pool.StateOf(n);
            if (_nodeStates[n] != state)
            {
                Wait(_plane.SetNodeStateAsync(pool.Node(n).Id, state));
                _nodeStates[n] = state;
            }
        }
    }

    private void CollectPlan(PoolState pool, int step)
    {
        _changed.Clear();
        _moves.Clear();
        foreach (var change in pool.Journal)
        {
            if (change.Kind != PlacementChangeKind.Standby && _changed.Add(change.Cell))
            {
                var c = change.Cell;
                var node = pool.NodeOf(c);
                var expected = _versions[c];
                _moves.Add(node < 0
                    ? PlacementMove.Remove(pool.Cell(c).Id, expected)
                    : PlacementMove.To(pool.Cell(c).Id, expected, pool.Node(node).Id, pool.CoresOf(c).ToArray()));
                // Each committed move bumps the cell's version by one; later plans in the same
                // pipelined flush expect the bumped version.
                _versions[c] = expected + 1;
            }
        }

        if (_moves.Count > 0)
        {
            _pending.Add(new PlacementPlan($"sim-{step.ToString(CultureInfo.InvariantCulture)}", [.. _moves], _lease?.FencingToken ?? 0));
        }
    }

    private void RecordMigrations(PoolState pool, in StepSnapshot step, IReadOnlyList<PricedMove> moves)
    {
        var at = Epoch.AddSeconds(step.TimeSeconds);
        foreach (var move in moves)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"sim-{step.Index}-{pool.Cell(move.Cell).Id}");
            var method = RunState.MethodName(move.Estimate.Method);
            var planned = new MigrationEntry(id, pool.Cell(move.Cell).Id, pool.Node(move.FromNode).Id, pool.Node(move.ToNode).Id, method, MigrationPhase.Planned, at, Reason: move.Reason);
            Wait(_plane.RecordMigrationAsync(planned));
            Wait(_plane.RecordMigrationAsync(planned with { Phase = MigrationPhase.Running, StartedAt = at }));
            Wait(_plane.RecordMigrationAsync(planned with
            {
                Phase = MigrationPhase.Committed,
                StartedAt = at,
                EndedAt = at.AddSeconds(move.Estimate.TotalSeconds),
                DowntimeMicroseconds = move.Estimate.DowntimeSeconds * 1e6,
                BytesTransferred = move.Estimate.BytesOnWire,
            }));
            _migrationsRecorded++;
        }
    }

    private void RecordLoads(PoolState pool, double timeSeconds)
    {
        _samples.Clear();
        var at = Epoch.AddSeconds(timeSeconds);
        for (var c = 0; c < pool.CellCount; c++)
        {
            _samples.Add(new CellLoadSample(pool.Cell(c).Id, at, pool.Load(c)));
        }

        Wait(_plane.AppendLoadSamplesAsync(_samples));
    }

    private void Flush()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        // A retried batch is safe: plans already applied answer AlreadyCommitted (plan ids are remembered).
        var results = _retry.ExecuteAsync(ct => _plane.CommitPlansAsync(_pending, ct)).AsTask().GetAwaiter().GetResult();
        for (var i = 0; i < results.Count; i++)
        {
            if (!results[i].Succeeded)
            {
                throw new InvalidOperationException($"state plane {_plane.Description}: plan {_pending[i].PlanId} was refused ({results[i].Outcome}, cell {results[i].ConflictCellId})");
            }
        }

        _plansCommitted += results.Count;
        _pending.Clear();
    }

    private void Verify(PoolState pool)
    {
        var stored = Wait(_plane.GetPlacementsAsync()).ToDictionary(p => p.CellId, StringComparer.Ordinal);
        var checkedCells = 0;
        for (var c = 0; c < pool.CellCount; c++)
        {
            var node = pool.NodeOf(c);
            var id = pool.Cell(c).Id;
            if (node < 0)
            {
                if (stored.TryGetValue(id, out var ghost))
                {
                    throw new InvalidOperationException($"state plane {_plane.Description}: cell {id} is unplaced but stored on {ghost.NodeId}");
                }

                continue;
            }

            if (!stored.TryGetValue(id, out var p) || p.NodeId != pool.Node(node).Id || !p.Cores.SequenceEqual(pool.CoresOf(c).ToArray()))
            {
                throw new InvalidOperationException($"state plane {_plane.Description}: cell {id} stored as {p?.NodeId ?? "missing"}, pool has it on {pool.Node(node).Id}");
            }

            checkedCells++;
        }

        VerifiedPlacements = checkedCells;
    }
}
