using BbuPool.Scheduling.Framework;

namespace BbuPool.Scheduling.Tests.Support;

/// <summary>A plugin on every extension point that counts calls and returns configured statuses.</summary>
public sealed class CountingPlugin(
    string name,
    Status preFilterStatus = default,
    Status preScoreStatus = default,
    Status permitStatus = default,
    Status? bindStatus = null,
    bool throwInFilter = false)
    : IPreFilterPlugin, IFilterPlugin, IPreScorePlugin, IScorePlugin, IReservePlugin, IPermitPlugin, IBindPlugin
{
    private bool _reserved;

    public string Name => name;

    public int Filtered { get; private set; }

    public int Scored { get; private set; }

    public int Reserved { get; private set; }

    public int Unreserved { get; private set; }

    public Status PreFilter(CycleState state) => preFilterStatus;

    public Status Filter(CycleState state, int node)
    {
        if (throwInFilter)
        {
            throw new InvalidOperationException("boom");
        }

        Filtered++;
        return Status.Success;
    }

    public Status PreScore(CycleState state, ReadOnlySpan<int> nodes) => preScoreStatus;

    public double Score(CycleState state, int node)
    {
        Scored++;
        return node;
    }

    public void NormalizeScores(CycleState state, Span<double> scores)
    {
    }

    public Status Reserve(CycleState state, int node)
    {
        Reserved++;
        _reserved = true;
        return Status.Success;
    }

    public void Unreserve(CycleState state, int node)
    {
        if (_reserved)
        {
            Unreserved++;
            _reserved = false;
        }
    }

    public Status Permit(CycleState state, int node) => permitStatus;

    public Status Bind(CycleState state, int node) =>
        bindStatus ?? (state.Pool.TryPlace(state.Cell, node, state.CoresOn(node), state.Reason) ? Status.Success : Status.Error(name, "refused"));
}
