namespace BbuPool.Core.Events;

/// <summary>The fronthaul links of a site degrade (or recover) to a new latency and bandwidth.</summary>
/// <param name="AtSeconds">When.</param>
/// <param name="Site">The radio site whose links change.</param>
/// <param name="ExtraLatencyMicros">Latency added to every path from the site.</param>
/// <param name="BandwidthGbps">Bandwidth left on the site's link.</param>
/// <param name="DurationSeconds">How long it lasts (null: until the end).</param>
public sealed record FronthaulDegradationEvent(
    double AtSeconds,
    string Site,
    double ExtraLatencyMicros,
    double BandwidthGbps,
    double? DurationSeconds) : ScenarioEvent(AtSeconds);
