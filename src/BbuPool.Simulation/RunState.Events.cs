using BbuPool.Core.Events;

namespace BbuPool.Simulation;

internal sealed partial class RunState
{
    private void ApplyEvents(double now)
    {
        var events = _scenario.Events;
        var capacityChanged = false;
        while (_nextEvent < events.Count && events[_nextEvent].AtSeconds <= now + 1e-9)
        {
            capacityChanged |= Apply(events[_nextEvent], now);
            _nextEvent++;
        }

        for (var i = _expiries.Count - 1; i >= 0; i--)
        {
            if (_expiries[i].At <= now + 1e-9)
            {
                _expiries[i].Apply();
                _expiries.RemoveAt(i);
                capacityChanged = true;
            }
        }

        if (capacityChanged)
        {
            _boundDirty = true;
            _settleUntil = Math.Max(_settleUntil, now + _settleSeconds);
        }
    }

    /// <summary>Applies one event; returns true when the pool's capacity changed.</summary>
    private bool Apply(ScenarioEvent scenarioEvent, double now)
    {
        switch (scenarioEvent)
        {
            case NodeFailureEvent failure:
                _lost.AddRange(Pool.Fail(NodeIndexOrThrow(failure.NodeId)));
                return true;
            case NodeRepairEvent repair:
                Pool.Repair(NodeIndexOrThrow(repair.NodeId));
                return true;
            case MaintenanceDrainEvent drain:
                var until = drain.DurationSeconds is { } d ? now + d : double.PositiveInfinity;
                Pool.StartMaintenance(NodeIndexOrThrow(drain.NodeId), until);
                if (drain.DurationSeconds is not null)
                {
                    // When the hold lapses the node is merely available again (powered off).
                    _expiries.Add((until, static () => { }));
                }

                return true;
            case FronthaulDegradationEvent link:
                var site = Pool.SiteIndex(link.Site);
                if (site >= 0)
                {
                    Pool.SetSiteLink(site, link.ExtraLatencyMicros, link.BandwidthGbps);
                    if (link.DurationSeconds is { } duration)
                    {
                        _expiries.Add((now + duration, () => Pool.SetSiteLink(site, 0, double.PositiveInfinity)));
                    }
                }

                return false;
            case NodesAddedEvent added:
                foreach (var node in added.Nodes)
                {
                    Pool.AddNode(node);
                }

                return true;
            default:
                throw new InvalidOperationException($"unknown event {scenarioEvent.GetType().Name}");
        }
    }

    private int NodeIndexOrThrow(string id)
    {
        var index = Pool.NodeIndex(id);
        return index >= 0 ? index : throw new InvalidOperationException($"event names unknown node {id} (validation should have caught it)");
    }
}
