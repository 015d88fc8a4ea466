using BbuPool.Core.Policy;
using BbuPool.Core.Scheduling;
using BbuPool.Scheduling.Baseline;

namespace BbuPool.Cli.Hosting;

/// <summary>Schedulers by name (`--scheduler`); each run gets a fresh instance for its policy.</summary>
internal sealed class SchedulerRegistry
{
    private readonly Dictionary<string, Func<PoolPolicy, IPoolScheduler>> _factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ffd"] = _ => new FirstFitDecreasingScheduler(),
    };

    /// <summary>The scheduler `simulate` uses when none is named.</summary>
    public const string DefaultName = "ffd";

    /// <summary>Known names.</summary>
    public IEnumerable<string> Names => _factories.Keys.Order(StringComparer.Ordinal);

    /// <summary>Creates the named scheduler, or returns false for an unknown name.</summary>
    public bool TryCreate(string name, PoolPolicy policy, out IPoolScheduler? scheduler)
    {
        scheduler = _factories.TryGetValue(name, out var factory) ? factory(policy) : null;
        return scheduler is not null;
    }
}
