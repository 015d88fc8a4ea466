using BbuPool.Core.Policy;
using BbuPool.Core.Scheduling;
using BbuPool.Scheduling;
using BbuPool.Scheduling.Baseline;
using Microsoft.Extensions.Logging;

namespace BbuPool.Cli.Hosting;

/// <summary>Schedulers by name (`--scheduler`); each run gets a fresh instance for its policy.</summary>
internal sealed class SchedulerRegistry
{
    /// <summary>The scheduler `simulate` uses when none is named: the plugin framework engine.</summary>
    public const string DefaultName = "framework";

    private readonly Dictionary<string, Func<PoolPolicy, IPoolScheduler>> _factories;

    /// <summary>Creates the registry with the host's clock and logging.</summary>
    public SchedulerRegistry(TimeProvider timeProvider, ILoggerFactory loggers)
    {
        _factories = new(StringComparer.OrdinalIgnoreCase)
        {
            [DefaultName] = policy => new FrameworkScheduler(policy, timeProvider, loggers.CreateLogger<FrameworkScheduler>()),
            ["ffd"] = _ => new FirstFitDecreasingScheduler(),
        };
    }

    /// <summary>Known names.</summary>
    public IEnumerable<string> Names => _factories.Keys.Order(StringComparer.Ordinal);

    /// <summary>Creates the named scheduler, or returns false for an unknown name.</summary>
    public bool TryCreate(string name, PoolPolicy policy, out IPoolScheduler? scheduler)
    {
        scheduler = _factories.TryGetValue(name, out var factory) ? factory(policy) : null;
        return scheduler is not null;
    }
}
