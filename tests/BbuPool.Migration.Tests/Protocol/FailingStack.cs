using BbuPool.Migration.Stacks;
using BbuPool.Migration.State;

namespace BbuPool.Migration.Tests.Protocol;

/// <summary>A stack that fails at a chosen TTI (a destination server dying mid-migration), otherwise the inner stack.</summary>
internal sealed class FailingStack(IStack inner, Func<long, bool> failAt) : IStack
{
    public string Name => inner.Name;

    public bool Stateful => inner.Stateful;

    public double Throttle
    {
        get => inner.Throttle;
        set => inner.Throttle = value;
    }

    public void Initialize(PageRegion region) => inner.Initialize(region);

    public ulong ProcessTti(in TtiInput input, PageRegion region) =>
        failAt(input.Tti) ? throw new InvalidOperationException($"Injected failure at TTI {input.Tti}.") : inner.ProcessTti(input, region);
}
