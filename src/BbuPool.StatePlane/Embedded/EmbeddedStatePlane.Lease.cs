namespace BbuPool.StatePlane.Embedded;

/// <summary>The leader lease with its fencing token.</summary>
public sealed partial class EmbeddedStatePlane
{
    /// <inheritdoc />
    public ValueTask<LeaderLease?> TryAcquireLeaseAsync(string holder, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (LeaseLocked() is not null)
            {
                return ValueTask.FromResult<LeaderLease?>(null);
            }

            var token = ++_fence;
            _lease = (holder, token, Now + timeToLive);
            AddEvent(StateEventKind.LeaseAcquired, holder, $"token {token}");
            return ValueTask.FromResult<LeaderLease?>(new LeaderLease(holder, token, timeToLive));
        }
    }

    /// <inheritdoc />
    public ValueTask<LeaderLease?> RenewLeaseAsync(LeaderLease lease, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_gate)
        {
            var current = LeaseLocked();
            if (current is null || current.FencingToken != lease.FencingToken || current.Holder != lease.Holder)
            {
                return ValueTask.FromResult<LeaderLease?>(null);
            }

            _lease = (lease.Holder, lease.FencingToken, Now + timeToLive);
            return ValueTask.FromResult<LeaderLease?>(lease with { Remaining = timeToLive });
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> ReleaseLeaseAsync(LeaderLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_gate)
        {
            var current = LeaseLocked();
            if (current is null || current.FencingToken != lease.FencingToken || current.Holder != lease.Holder)
            {
                return ValueTask.FromResult(false);
            }

            _lease = null;
            AddEvent(StateEventKind.LeaseReleased, lease.Holder, $"token {lease.FencingToken}");
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<LeaderLease?> GetLeaseAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(LeaseLocked());
        }
    }

    private LeaderLease? LeaseLocked()
    {
        if (_lease is not { } l)
        {
            return null;
        }

        var now = Now;
        if (l.Expiry <= now)
        {
            _lease = null;
            return null;
        }

        return new LeaderLease(l.Holder, l.Token, l.Expiry - now);
    }
}
