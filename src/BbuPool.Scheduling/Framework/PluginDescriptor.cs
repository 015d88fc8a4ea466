namespace BbuPool.Scheduling.Framework;

/// <summary>A registered plugin: how to build it and its defaults when the policy does not mention it.</summary>
/// <param name="Name">Registry name (the key of <c>policy.plugins</c>).</param>
/// <param name="Factory">Builds an instance for one scheduler.</param>
/// <param name="EnabledByDefault">Runs unless the policy disables it.</param>
/// <param name="DefaultWeight">Score weight unless the policy sets one (0 for plugins that do not score).</param>
public sealed record PluginDescriptor(string Name, Func<PluginContext, IPlugin> Factory, bool EnabledByDefault, double DefaultWeight);
