namespace BbuPool.Transport.IntegrationTests.Infrastructure;

/// <summary>
/// Every test here busy-polls or starts processes that do: they run one at a time, because two
/// busy-pollers sharing one of the machine's two cores turn each hand-off into a 4 ms scheduler tick.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BusyPollCollection
{
    public const string Name = "busy-poll";
}
