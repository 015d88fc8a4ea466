using BbuPool.Scheduling.Framework;

namespace BbuPool.Scheduling.Plugins.FronthaulLatency;

/// <summary>
/// PreFilter: the RRH's one-way fronthaul latency (5 µs/km of fibre + the policy's switching
/// latency + any degradation of the site's link) must be within the RAT's budget
/// (RadioTables.FronthaulBudgetMicros: NR 100 µs, LTE 250 µs, GSM/UMTS 400 µs). The path ends at the
/// pool's hub, so it is the same for every node: a cell over budget is not placed or moved at all
/// (it stays where it is until the link recovers).
/// </summary>
public sealed class FronthaulLatencyPlugin : IPreFilterPlugin
{
    /// <summary>Registry name.</summary>
    public const string PluginName = "FronthaulLatency";

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public Status PreFilter(CycleState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var pool = state.Pool;
        // Same test as latency <= budget, from the index's precomputed slack (budget - fibre - switching).
        return pool.SiteExtraLatencyMicros(pool.SiteOf(state.Cell)) <= state.Index.FronthaulSlackMicros(state.Cell)
            ? Status.Success
            : Status.Unresolvable(PluginName, "fronthaul latency over the RAT's budget");
    }
}
