namespace BbuPool.Scheduling.Framework;

/// <summary>Runs once per cycle over the feasible nodes before scoring; Skip means this plugin's Score is not called.</summary>
public interface IPreScorePlugin : IPlugin
{
    /// <summary>Prepares scoring over <paramref name="nodes"/>.</summary>
    Status PreScore(CycleState state, ReadOnlySpan<int> nodes);
}
