namespace BbuPool.Scheduling.Framework;

/// <summary>A hard constraint: may the cell run on this node? Called per candidate node; must not allocate.</summary>
public interface IFilterPlugin : IPlugin
{
    /// <summary>Success, Unschedulable or UnschedulableAndUnresolvable for <paramref name="node"/>.</summary>
    Status Filter(CycleState state, int node);
}
