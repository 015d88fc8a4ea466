namespace BbuPool.Scheduling.Framework;

/// <summary>Applies the decision to the pool (the only extension point that mutates <c>PoolState</c>).</summary>
public interface IBindPlugin : IPlugin
{
    /// <summary>Success when bound, Skip to leave it to the next binder, Error when the pool refused.</summary>
    Status Bind(CycleState state, int node);
}
