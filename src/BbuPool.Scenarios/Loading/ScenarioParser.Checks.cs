using BbuPool.Core.Model;

namespace BbuPool.Scenarios.Loading;

/// <summary>Checks across sections: can every cell run somewhere, does every stack's arch exist in the pool.</summary>
internal sealed partial class ScenarioParser
{
    private void CheckPlaceable()
    {
        var archs = new HashSet<CpuArch>(_nodes.Select(n => n.Arch));
        foreach (var e in _events.OfType<BbuPool.Core.Events.NodesAddedEvent>())
        {
            archs.UnionWith(e.Nodes.Select(n => n.Arch));
        }

        if (archs.Count == 0)
        {
            return;
        }

        foreach (var (id, stack) in _stacks)
        {
            var node = _stackNodes[id];
            var missing = stack.Archs.Where(a => !archs.Contains(a)).ToList();
            if (missing.Count == stack.Archs.Count)
            {
                // Only an error if some cell uses it: then that cell can never be placed.
                if (_cells.Any(c => c.StackId == id))
                {
                    _d.Error(node, $"stack '{id}' runs on {string.Join(", ", stack.Archs.Select(a => a.ToName()))}, but the pool has no such node; its cells could never be placed");
                }
            }
            else if (missing.Count > 0)
            {
                _d.Warning(node, $"stack '{id}' lists {string.Join(", ", missing.Select(a => a.ToName()))}, but the pool has no node of that arch");
            }
        }
    }
}
