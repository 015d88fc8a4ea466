namespace BbuPool.Scheduling.Framework;

/// <summary>Runs when no node passed Filter (and at least one rejection was resolvable): may make room or request capacity.</summary>
public interface IPostFilterPlugin : IPlugin
{
    /// <summary>Success means "room was made, filter again"; anything else leaves the cell unschedulable.</summary>
    Status PostFilter(CycleState state);
}
