namespace BbuPool.Scheduling.Framework;

/// <summary>Runs once per cycle before any node is looked at: computes per-cell facts, may narrow the candidates to one node, reject the cell outright or Skip its Filter.</summary>
public interface IPreFilterPlugin : IPlugin
{
    /// <summary>Prepares <paramref name="state"/>; Skip means this plugin's Filter is not called in this cycle.</summary>
    Status PreFilter(CycleState state);
}
