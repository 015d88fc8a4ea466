namespace BbuPool.Scenarios.Traffic;

/// <summary>Which part of the day a tidal cell is busy.</summary>
public enum TidalKind
{
    /// <summary>Offices: busy in working hours (default peak 09:00-17:00).</summary>
    Business,

    /// <summary>Homes: busy in the evening (default peak 19:00-23:00).</summary>
    Residential,
}
