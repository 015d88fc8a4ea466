using BbuPool.Core.Policy;
using BbuPool.Scheduling.Framework;

namespace BbuPool.Scheduling.Tests.Framework;

public class PluginRegistryTests
{
    private static PluginContext Context(PoolPolicy policy) => new(policy, new CapacityRequests(), new MigrationLimits());

    [Fact]
    public void Default_registry_enables_every_plugin_with_default_weights()
    {
        var framework = PluginRegistry.CreateDefault().Build(Context(new PoolPolicy()));
        var names = framework.Plugins.Select(p => p.Name).ToList();
        foreach (var expected in new[] { "ArchCompatibility", "CoreCapacity", "DeadlineFit", "FronthaulLatency", "CompClusterAffinity", "SpreadPriority", "BinPacking", "MigrationCost", "Energy", "MigrationBudget", "DefaultBinder", "WakeRequest" })
        {
            Assert.Contains(expected, names);
        }

        Assert.Equal(2, framework.Scorers.Single(s => s.Plugin.Name == "BinPacking").Weight);
    }

    [Fact]
    public void Policy_disables_and_weights_plugins_by_name()
    {
        var policy = new PoolPolicy
        {
            Plugins = new Dictionary<string, PluginSetting> { ["Energy"] = new(false, 0), ["binpacking"] = new(true, 5) },
        };
        var framework = PluginRegistry.CreateDefault().Build(Context(policy));
        Assert.DoesNotContain(framework.Plugins, p => p.Name == "Energy");
        Assert.Equal(5, framework.Scorers.Single(s => s.Plugin.Name == "BinPacking").Weight);
    }

    [Fact]
    public void Unknown_plugin_name_is_an_error()
    {
        var policy = new PoolPolicy { Plugins = new Dictionary<string, PluginSetting> { ["BinPackign"] = new(true, 1) } };
        var ex = Assert.Throws<ArgumentException>(() => PluginRegistry.CreateDefault().Build(Context(policy)));
        Assert.Contains("BinPackign", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_replaces_a_plugin_of_the_same_name()
    {
        var registry = PluginRegistry.CreateDefault();
        var count = registry.Descriptors.Count;
        registry.Register(new PluginDescriptor("Energy", _ => new BbuPool.Scheduling.Plugins.Energy.EnergyPlugin(), false, 3));
        Assert.Equal(count, registry.Descriptors.Count);
        Assert.DoesNotContain(registry.Build(Context(new PoolPolicy())).Plugins, p => p.Name == "Energy");
    }
}
