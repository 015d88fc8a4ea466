using BbuPool.Core.Cost;
using BbuPool.Core.Events;
using BbuPool.Core.Model;
using BbuPool.Core.Radio;
using BbuPool.Scenarios.Traffic;

namespace BbuPool.Scenarios.Loading;

/// <summary>Checks that need the cost model or the whole timeline: does each cell fit a node, do events make sense in order.</summary>
internal sealed partial class ScenarioParser
{
    /// <summary>
    /// A cell must fit the cores of one NUMA node (its cores stay on one) of some node it can run on.
    /// Not fitting even idle is an error (it can never be placed); not fitting at full load is a
    /// warning (it will miss deadlines at its peak).
    /// </summary>
    private void CheckFits(CostModelOptions options, double headroom)
    {
        if (_d.Errors.Count > 0)
        {
            return;
        }

        var model = new ProcessingCostModel(options);
        var nodes = _nodes.Concat(_events.OfType<NodesAddedEvent>().SelectMany(e => e.Nodes)).ToList();
        foreach (var (group, (start, _, idNode)) in _cellGroups)
        {
            var cell = _cells[start];
            var stack = _stacks[cell.StackId];
            var tti = RadioTables.TtiSeconds(cell.Rat, cell.Numerology);
            var full = new LoadShape(LoadShape.DefaultMcsAtIdle, LoadShape.DefaultMcsAtFull).Sample(1, 0);
            var idle = new LoadSample(0, LoadShape.DefaultMcsAtIdle, 0);
            var bestFull = int.MaxValue;
            var bestIdle = int.MaxValue;
            var room = 0;
            foreach (var n in nodes.Where(n => stack.Supports(n.Arch)))
            {
                var perNuma = Math.Min(n.CoresPerNuma, n.UsableCores);
                var factor = model.NodeFactor(n.Arch, n.ClockGhz);
                var needFull = ProcessingCostModel.CoresFor(model.ReferenceMicrosPerTti(cell, stack, full), factor, tti, headroom);
                var needIdle = ProcessingCostModel.CoresFor(model.ReferenceMicrosPerTti(cell, stack, idle), factor, tti, headroom);
                if (needFull <= perNuma)
                {
                    bestFull = 0;
                }
                else
                {
                    bestFull = Math.Min(bestFull, needFull);
                }

                if (needIdle <= perNuma)
                {
                    bestIdle = 0;
                }
                else
                {
                    bestIdle = Math.Min(bestIdle, needIdle);
                }

                room = Math.Max(room, perNuma);
            }

            if (bestIdle > 0 && bestIdle != int.MaxValue)
            {
                _d.Error(idNode, $"cells '{group}' need {bestIdle} cores even idle, but the largest NUMA node they can run on has {room} usable cores; they could never be placed");
            }
            else if (bestFull > 0 && bestFull != int.MaxValue)
            {
                _d.Warning(idNode, $"cells '{group}' need {bestFull} cores at full load, but the largest NUMA node they can run on has {room} usable cores; they will miss deadlines near full load");
            }
        }
    }

    /// <summary>Repairs of nodes that are not failed, and events on nodes already failed, are warned about.</summary>
    private void CheckEventOrder()
    {
        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in _events.OrderBy(e => e.AtSeconds))
        {
            switch (e)
            {
                case NodeFailureEvent f when !failed.Add(f.NodeId):
                    _d.Warning(_eventNodes[e], $"node '{f.NodeId}' fails at {f.AtSeconds} s but has already failed");
                    break;
                case NodeRepairEvent r when !failed.Remove(r.NodeId):
                    _d.Warning(_eventNodes[e], $"node '{r.NodeId}' is repaired at {r.AtSeconds} s but has not failed");
                    break;
                case MaintenanceDrainEvent m when failed.Contains(m.NodeId):
                    _d.Warning(_eventNodes[e], $"node '{m.NodeId}' is drained at {m.AtSeconds} s while failed");
                    break;
            }
        }
    }
}
