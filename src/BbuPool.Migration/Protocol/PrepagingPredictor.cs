namespace BbuPool.Migration.Protocol;

/// <summary>
/// Orders the post-copy background push: pages the destination asked for first, then the pages
/// after each faulted page (spatial locality: a fault at p predicts p+1..p+W), then hot pages
/// (written just before the stop), then the rest in ascending order.
/// </summary>
internal sealed class PrepagingPredictor
{
    private readonly bool[] _needed;
    private readonly bool[] _sent;
    private readonly int[] _order;
    private readonly Queue<int> _requested = new();
    private readonly Queue<int> _nearby = new();
    private readonly int _window;
    private int _cursor;
    private int _remaining;

    public PrepagingPredictor(int pageCount, IReadOnlyList<int> hot, Func<int, bool> needed, int window)
    {
        _needed = new bool[pageCount];
        _sent = new bool[pageCount];
        _window = window;
        var order = new List<int>(pageCount);
        foreach (int p in hot)
        {
            if (needed(p) && !_needed[p])
            {
                _needed[p] = true;
                order.Add(p);
            }
        }

        for (int p = 0; p < pageCount; p++)
        {
            if (needed(p) && !_needed[p])
            {
                _needed[p] = true;
                order.Add(p);
            }
        }

        _order = order.ToArray();
        _remaining = _order.Length;
    }

    /// <summary>Pages not pushed yet.</summary>
    public int Remaining => _remaining;

    /// <summary>Demand requests seen.</summary>
    public long Requests { get; private set; }

    /// <summary>A demand request: these pages go out next (again, if already in flight), then their neighbours.</summary>
    public void OnRequest(IEnumerable<ulong> pages)
    {
        foreach (ulong u in pages)
        {
            if (u >= (ulong)_needed.Length)
            {
                throw new MigrationAbortedException(Wire.Frames.AbortReason.ProtocolError, $"Page request for page {u} outside the image.");
            }

            int p = (int)u;
            Requests++;
            _requested.Enqueue(p);
            for (int k = 1; k <= _window && p + k < _needed.Length; k++)
            {
                _nearby.Enqueue(p + k);
            }
        }
    }

    /// <summary>Fills <paramref name="batch"/> with the next pages to push; returns how many and whether they answer a request.</summary>
    public int Next(Span<int> batch, out bool answersRequest)
    {
        int n = 0;
        answersRequest = false;
        while (n < batch.Length && _requested.TryDequeue(out int p))
        {
            if (_needed[p])
            {
                Take(p);
                batch[n++] = p;
                answersRequest = true;
            }
        }

        while (n < batch.Length && _nearby.TryDequeue(out int p))
        {
            if (_needed[p] && !_sent[p])
            {
                Take(p);
                batch[n++] = p;
            }
        }

        while (n < batch.Length && _cursor < _order.Length)
        {
            int p = _order[_cursor++];
            if (!_sent[p])
            {
                Take(p);
                batch[n++] = p;
            }
        }

        return n;
    }

    private void Take(int p)
    {
        if (!_sent[p])
        {
            _sent[p] = true;
            _remaining--;
        }
    }
}
