using System.Globalization;

namespace BbuPool.StatePlane.Embedded;

/// <summary>The bounded event stream, with Redis-style "ms-seq" ids.</summary>
public sealed partial class EmbeddedStatePlane
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StateEvent>> ReadEventsAsync(string? afterId, int max, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var start = 0;
            if (afterId is not null)
            {
                var after = EventId.Parse(afterId);
                // Ids are increasing, so binary search for the first one past afterId.
                int lo = 0, hi = _events.Count;
                while (lo < hi)
                {
                    var mid = (lo + hi) / 2;
                    if (EventId.Parse(_events[mid].Id).CompareTo(after) <= 0)
                    {
                        lo = mid + 1;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                start = lo;
            }

            var count = Math.Clamp(_events.Count - start, 0, Math.Max(0, max));
            IReadOnlyList<StateEvent> result = _events.GetRange(start, count);
            return ValueTask.FromResult(result);
        }
    }

    private void AddEvent(StateEventKind kind, string subject, string detail)
    {
        var ms = Math.Max(_time.GetUtcNow().ToUnixTimeMilliseconds(), _lastEventMs);
        _eventSeq = ms == _lastEventMs ? _eventSeq + 1 : 0;
        _lastEventMs = ms;
        _events.Add(new StateEvent(string.Create(CultureInfo.InvariantCulture, $"{ms}-{_eventSeq}"), kind, subject, detail));
        if (_events.Count > _options.EventStreamLength + (_options.EventStreamLength / 10))
        {
            // Trim in chunks of 10 % like Redis' MAXLEN ~, not one element per add.
            _events.RemoveRange(0, _events.Count - _options.EventStreamLength);
        }
    }
}
