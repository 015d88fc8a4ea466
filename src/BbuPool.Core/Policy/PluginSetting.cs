namespace BbuPool.Core.Policy;

/// <summary>Whether a scheduler plugin runs and how much its score weighs.</summary>
/// <param name="Enabled">Run the plugin.</param>
/// <param name="Weight">Score weight (ignored by filter-only plugins).</param>
public sealed record PluginSetting(bool Enabled, double Weight);
