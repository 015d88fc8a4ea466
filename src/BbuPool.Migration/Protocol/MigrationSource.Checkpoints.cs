using BbuPool.Migration.State;
using BbuPool.Wire.Frames;

namespace BbuPool.Migration.Protocol;

/// <summary>
/// Post-copy fault tolerance at the source (PostCopyFT): the destination's reverse incremental
/// checkpoints are staged as they arrive and applied to this copy when one is complete, so a
/// destination that fails before every page arrived hands the stack back at its last cut.
/// </summary>
public sealed partial class MigrationSource
{
    private readonly Dictionary<int, byte[]> _reverseStaging = [];
    private readonly Queue<long> _checkpointAcks = new();
    private long _checkpointTti = -1;
    private int _checkpointsApplied;

    /// <summary>
    /// A reverse-checkpoint frame while serving post-copy: pages are staged, the execution state
    /// that closes a checkpoint applies it.
    /// </summary>
    private void TakeCheckpointFrame(ReceivedFrame frame)
    {
        if (frame.Type == FrameType.Pages)
        {
            StageReversePages(frame.Body.Span);
        }
        else
        {
            ApplyReverseCheckpoint(ExecutionStateFrame.Read(frame.Body).LastTti);
        }
    }

    /// <summary>Pages of a checkpoint in flight: kept aside until the checkpoint is complete.</summary>
    private void StageReversePages(ReadOnlySpan<byte> body)
    {
        var pages = new CheckedPages(body, _region.PageCount, "checkpoint pages");
        while (pages.TryReadNext(out var page, out int index))
        {
            bool raw = page.Encoding == PageEncoding.Raw && page.Data.Length == PageRegion.PageSize;
            if (!raw && page.Encoding != PageEncoding.Zero)
            {
                throw new MigrationAbortedException(AbortReason.ProtocolError, $"Checkpoint page {page.Index}: encoding {page.Encoding}.");
            }

            if (!_reverseStaging.TryGetValue(index, out var bytes))
            {
                // From the process's pool, not fresh per migration (PageBufferPool says what that cost).
                bytes = StagingPages.Rent();
                _reverseStaging[index] = bytes;
            }

            if (raw)
            {
                page.Data.CopyTo(bytes);
            }
            else
            {
                // A reused buffer holds an older page.
                bytes.AsSpan().Clear();
            }
        }
    }

    /// <summary>Forgets the checkpoint in flight (incomplete), its buffers back to the pool.</summary>
    private void DropReverseStaging()
    {
        foreach (var bytes in _reverseStaging.Values)
        {
            StagingPages.Return(bytes);
        }

        _reverseStaging.Clear();
    }

    /// <summary>A checkpoint is complete: this copy now equals the destination's state after its last TTI.</summary>
    private void ApplyReverseCheckpoint(long lastTti)
    {
        foreach (var (p, bytes) in _reverseStaging)
        {
            bytes.CopyTo(_region.Page(p));
        }

        DropReverseStaging();
        _checkpointTti = lastTti;
        _checkpointsApplied++;
        _checkpointAcks.Enqueue(lastTti);
    }

    /// <summary>Tells the destination which checkpoints this copy holds (a Resume at the TTI after each).</summary>
    private async Task AcknowledgeCheckpointsAsync(CancellationToken ct)
    {
        while (_checkpointAcks.TryDequeue(out long lastTti))
        {
            await Channel.SendAsync(new ResumeFrame { FirstTti = lastTti + 1, ResumedAt = _time.GetUtcNow() }, ct);
        }
    }
}
