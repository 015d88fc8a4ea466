using System.Globalization;

namespace BbuPool.StatePlane;

/// <summary>A stream id "milliseconds-sequence", compared numerically.</summary>
internal readonly record struct EventId(long Milliseconds, long Sequence) : IComparable<EventId>
{
    public static EventId Parse(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash < 0
            ? new EventId(long.Parse(id, CultureInfo.InvariantCulture), 0)
            : new EventId(long.Parse(id.AsSpan(0, dash), CultureInfo.InvariantCulture), long.Parse(id.AsSpan(dash + 1), CultureInfo.InvariantCulture));
    }

    public int CompareTo(EventId other) =>
        Milliseconds != other.Milliseconds ? Milliseconds.CompareTo(other.Milliseconds) : Sequence.CompareTo(other.Sequence);
}
