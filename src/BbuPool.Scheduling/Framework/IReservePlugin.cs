namespace BbuPool.Scheduling.Framework;

/// <summary>Books what the chosen node will give the cell before Permit and Bind; Unreserve gives it back.</summary>
public interface IReservePlugin : IPlugin
{
    /// <summary>Books resources for the cell on <paramref name="node"/>.</summary>
    Status Reserve(CycleState state, int node);

    /// <summary>Releases what <see cref="Reserve"/> booked. Idempotent: a second call, or a call without a booking, does nothing.</summary>
    void Unreserve(CycleState state, int node);
}
