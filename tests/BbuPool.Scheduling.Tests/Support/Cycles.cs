using BbuPool.Core.Pool;
using BbuPool.Scheduling.Framework;

namespace BbuPool.Scheduling.Tests.Support;

/// <summary>A cycle state over a pool, for calling one plugin directly.</summary>
public static class Cycles
{
    public static CycleState For(PoolState pool, int cell, CycleKind kind = CycleKind.Place)
    {
        var index = new PoolIndex();
        index.Attach(pool);
        var state = new CycleState(index);
        state.Begin(cell, kind, pool.NodeOf(cell), "test");
        return state;
    }
}
