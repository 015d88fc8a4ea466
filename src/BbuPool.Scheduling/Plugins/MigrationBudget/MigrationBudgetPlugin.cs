using BbuPool.Scheduling.Framework;
using BbuPool.Scheduling.Plugins.MigrationCost;

namespace BbuPool.Scheduling.Plugins.MigrationBudget;

/// <summary>
/// Reserve + Permit: a live migration books link time on its source and destination
/// (<see cref="MigrationLimits"/>); Permit answers Wait when either link's budget for this step is
/// spent, so the move is retried next step instead of oversubscribing a NIC. Unreserve is idempotent.
/// Only Move cycles are limited (placements and failovers move no state).
/// </summary>
public sealed class MigrationBudgetPlugin : IReservePlugin, IPermitPlugin
{
    /// <summary>Registry name.</summary>
    public const string PluginName = "MigrationBudget";

    private readonly MigrationLimits _limits;
    private int _reservedCell = -1;
    private int _reservedFrom = -1;
    private int _reservedTo = -1;
    private double _reservedSeconds;
    private bool _fits;

    /// <summary>Creates the plugin over the shared per-step budget.</summary>
    public MigrationBudgetPlugin(MigrationLimits limits)
    {
        _limits = limits ?? throw new ArgumentNullException(nameof(limits));
    }

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public Status Reserve(CycleState state, int node)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Kind != CycleKind.Move)
        {
            return Status.Skip;
        }

        // A booking left from an earlier cycle was bound (the framework unreserves failed cycles): keep it.
        var seconds = MigrationCostPlugin.EstimateSeconds(state.Demand);
        _fits = _limits.Fits(state.FromNode, node, seconds);
        _limits.Book(state.FromNode, node, seconds);
        _reservedCell = state.Cell;
        _reservedFrom = state.FromNode;
        _reservedTo = node;
        _reservedSeconds = seconds;
        return Status.Success;
    }

    /// <inheritdoc />
    public void Unreserve(CycleState state, int node)
    {
        if (_reservedCell < 0)
        {
            return;
        }

        _limits.Book(_reservedFrom, _reservedTo, _reservedSeconds, -1);
        _reservedCell = -1;
    }

    /// <inheritdoc />
    public Status Permit(CycleState state, int node)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Kind != CycleKind.Move)
        {
            return Status.Skip;
        }

        if (!_fits)
        {
            return Status.Wait(PluginName, "the link's migration budget for this step is spent");
        }

        return Status.Success;
    }
}
