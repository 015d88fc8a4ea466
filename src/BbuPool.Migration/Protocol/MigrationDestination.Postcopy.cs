using System.Collections.Immutable;
using BbuPool.Migration.State;
using BbuPool.Transport;
using BbuPool.Wire.Frames;

namespace BbuPool.Migration.Protocol;

/// <summary>Post-copy at the destination: demand faults from the stack thread and link recovery.</summary>
public sealed partial class MigrationDestination
{
    // Most page indices per recovery request: 4096 x ~9 B stays far below any frame limit.
    private const int RecoveryRequestPages = 4096;

    /// <summary>
    /// Called on the stack thread when it touches a page not yet here: asks the source for it and
    /// waits (spinning: a fault costs tens of microseconds, a blocking wake-up 25-60 us).
    /// </summary>
    void IPageFaultHandler.OnFault(int page)
    {
        var region = _region!;
        if (region.IsPresent(page))
        {
            return;
        }

        Interlocked.Increment(ref _faults);
        try
        {
            // Refused while a recovery is under way: its request for every absent page covers this one.
            Channel.TrySendBlocking(new PageRequestFrame { RequestId = Interlocked.Increment(ref _requestIds), PageIndices = [(ulong)page] });
        }
        catch (TransportException)
        {
            // The receive loop notices too and recovers; the recovery request covers this page.
        }

        long deadline = _time.GetTimestamp() + (long)(_options.FaultTimeout.TotalSeconds * _time.TimestampFrequency);
        var spin = default(SpinWait);
        while (!region.IsPresent(page))
        {
            if (_time.GetTimestamp() > deadline)
            {
                throw new MigrationAbortedException(AbortReason.Timeout, $"Page {page} did not arrive within {_options.FaultTimeout.TotalSeconds:F1} s.");
            }

            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    private async Task RecoverAsync(CancellationToken ct)
    {
        await Channel.SuspendBlockingSendsAsync(ct);
        LogRecovering(_options.MigrationId, _region!.PageCount - _region.PresentCount);
        await Channel.CloseLinkAsync();

        var link = await _options.Reconnect!(ct);
        Channel.Swap(link);
        await Handshake.AsDestinationAsync(Channel, _options, _time, ct);
        var absent = new List<int>();
        _region.CollectAbsent(absent);
        for (int i = 0; i < absent.Count; i += RecoveryRequestPages)
        {
            var chunk = ImmutableArray.CreateBuilder<ulong>(Math.Min(RecoveryRequestPages, absent.Count - i));
            for (int k = i; k < Math.Min(absent.Count, i + RecoveryRequestPages); k++)
            {
                chunk.Add((ulong)absent[k]);
            }

            await Channel.SendAsync(new PageRequestFrame { RequestId = Interlocked.Increment(ref _requestIds), PageIndices = chunk.MoveToImmutable() }, ct);
        }

        ResendUnacknowledgedCheckpoints();
        Channel.ResumeBlockingSends();
        _recoveries++;
    }
}
