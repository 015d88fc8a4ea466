using BbuPool.StatePlane.Tests.Contract;

namespace BbuPool.StatePlane.Tests;

/// <summary>The contract against the embedded store, on a manual clock.</summary>
public sealed class EmbeddedContractTests : StatePlaneContract
{
    private readonly ManualTimeProvider _clock = new();

    protected override Task<IStatePlane> CreateStoreAsync(Action<StatePlaneOptions>? configure = null)
    {
        var options = new StatePlaneOptions { TimeProvider = _clock };
        configure?.Invoke(options);
        return Task.FromResult(StatePlaneFactory.CreateEmbedded(options));
    }

    protected override Task AdvanceAsync(TimeSpan time)
    {
        _clock.Advance(time);
        return Task.CompletedTask;
    }
}
