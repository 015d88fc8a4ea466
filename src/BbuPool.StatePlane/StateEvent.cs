namespace BbuPool.StatePlane;

/// <summary>One entry of the pool's event stream.</summary>
/// <param name="Id">Stream id "milliseconds-sequence", ordered; pass it back to read what follows.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Subject">The node, plan, migration or holder it is about.</param>
/// <param name="Detail">A short human-readable description.</param>
public sealed record StateEvent(string Id, StateEventKind Kind, string Subject, string Detail)
{
    /// <summary>The event time, from the milliseconds part of the id.</summary>
    public DateTimeOffset At =>
        DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(Id.AsSpan(0, Id.IndexOf('-', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture));
}
