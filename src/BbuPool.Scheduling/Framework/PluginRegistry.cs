using BbuPool.Scheduling.Plugins.ArchCompatibility;
using BbuPool.Scheduling.Plugins.BinPacking;
using BbuPool.Scheduling.Plugins.CompClusterAffinity;
using BbuPool.Scheduling.Plugins.CoreCapacity;
using BbuPool.Scheduling.Plugins.DeadlineFit;
using BbuPool.Scheduling.Plugins.DefaultBinder;
using BbuPool.Scheduling.Plugins.Energy;
using BbuPool.Scheduling.Plugins.FronthaulLatency;
using BbuPool.Scheduling.Plugins.MigrationBudget;
using BbuPool.Scheduling.Plugins.MigrationCost;
using BbuPool.Scheduling.Plugins.SpreadPriority;
using BbuPool.Scheduling.Plugins.WakeRequest;

namespace BbuPool.Scheduling.Framework;

/// <summary>
/// Plugins by name. The policy's <c>plugins:</c> map enables, disables and weights them; a name the
/// registry does not know is an error (a typo must not silently drop a constraint). Registration
/// order is extension-point order: cheap filters first.
/// </summary>
public sealed class PluginRegistry
{
    private readonly List<PluginDescriptor> _descriptors = [];

    /// <summary>The registry with every built-in plugin.</summary>
    public static PluginRegistry CreateDefault()
    {
        var registry = new PluginRegistry();
        registry.Register(new(FronthaulLatencyPlugin.PluginName, _ => new FronthaulLatencyPlugin(), true, 0));
        registry.Register(new(ArchCompatibilityPlugin.PluginName, _ => new ArchCompatibilityPlugin(), true, 0));
        registry.Register(new(DeadlineFitPlugin.PluginName, _ => new DeadlineFitPlugin(), true, 0));
        registry.Register(new(CoreCapacityPlugin.PluginName, _ => new CoreCapacityPlugin(), true, 0));
        registry.Register(new(CompClusterAffinityPlugin.PluginName, c => new CompClusterAffinityPlugin(c.Policy.CompMaxInterNodeMicros), true, 0));
        registry.Register(new(SpreadPriorityPlugin.PluginName, _ => new SpreadPriorityPlugin(), true, 0));
        registry.Register(new(WakeRequestPlugin.PluginName, c => new WakeRequestPlugin(c.Requests), true, 0));
        // Packing weighs double: servers powered is the figure the pool is judged on.
        registry.Register(new(BinPackingPlugin.PluginName, _ => new BinPackingPlugin(), true, 2));
        registry.Register(new(MigrationCostPlugin.PluginName, _ => new MigrationCostPlugin(), true, 1));
        registry.Register(new(EnergyPlugin.PluginName, _ => new EnergyPlugin(), true, 1));
        registry.Register(new(MigrationBudgetPlugin.PluginName, c => new MigrationBudgetPlugin(c.Limits), true, 0));
        registry.Register(new(DefaultBinderPlugin.PluginName, _ => new DefaultBinderPlugin(), true, 0));
        return registry;
    }

    /// <summary>Registered plugins in extension-point order.</summary>
    public IReadOnlyList<PluginDescriptor> Descriptors => _descriptors;

    /// <summary>Adds a plugin (a later registration of the same name replaces the earlier one in place).</summary>
    public void Register(PluginDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var at = _descriptors.FindIndex(d => string.Equals(d.Name, descriptor.Name, StringComparison.OrdinalIgnoreCase));
        if (at >= 0)
        {
            _descriptors[at] = descriptor;
        }
        else
        {
            _descriptors.Add(descriptor);
        }
    }

    /// <summary>Builds a framework with the plugins the policy enables, weighted as it says.</summary>
    public SchedulingFramework Build(PluginContext context, int maxFeasibleNodes = SchedulingFramework.DefaultMaxFeasibleNodes)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var name in context.Policy.Plugins.Keys)
        {
            if (!_descriptors.Exists(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"unknown scheduler plugin '{name}' (known: {string.Join(", ", _descriptors.Select(d => d.Name))})", nameof(context));
            }
        }

        var plugins = new List<IPlugin>();
        var weights = new List<double>();
        foreach (var d in _descriptors)
        {
            var setting = context.Policy.Plugins.FirstOrDefault(p => string.Equals(p.Key, d.Name, StringComparison.OrdinalIgnoreCase)).Value;
            var enabled = setting?.Enabled ?? d.EnabledByDefault;
            if (!enabled)
            {
                continue;
            }

            plugins.Add(d.Factory(context));
            weights.Add(setting?.Weight ?? d.DefaultWeight);
        }

        return new SchedulingFramework(plugins, weights, maxFeasibleNodes);
    }
}
