namespace BbuPool.Scheduling.Framework;

/// <summary>The outcome of one scheduling cycle.</summary>
/// <param name="Status">Success or why not (the first rejection seen when no node fitted).</param>
/// <param name="Node">The chosen node, or -1.</param>
/// <param name="Feasible">Nodes that passed Filter.</param>
public readonly record struct ScheduleResult(Status Status, int Node, int Feasible)
{
    /// <summary>True when the cell was (or, for a dry selection, would be) placed on <see cref="Node"/>.</summary>
    public bool IsSuccess => Status.IsSuccess && Node >= 0;
}
