using System.Buffers.Binary;
using BbuPool.Migration.Hosting;

namespace BbuPool.Migration.Protocol;

/// <summary>
/// The stack's execution state as carried in the execution-state frame's blob: the next TTI, the
/// cell's TTI grid, and (post-copy, hybrid) which pages the destination must still fetch.
/// Layout (little-endian): u32 version, i64 nextTti, i64 epochTimestamp, i64 epochTti,
/// i64 period ticks, i64 timestamp frequency, u32 bitmap words, u64[] stale-page bitmap.
/// </summary>
/// <param name="NextTti">The TTI the destination runs first.</param>
/// <param name="Clock">The cell's TTI grid (shared monotonic clock on one host; PTP-disciplined across hosts).</param>
/// <param name="StalePages">Bitmap of pages the destination lacks (empty: it has them all).</param>
public sealed record ExecutionState(long NextTti, TtiClock Clock, ulong[] StalePages)
{
    private const uint Version = 1;
    private const int FixedBytes = 4 + (8 * 5) + 4;

    /// <summary>Encodes the blob.</summary>
    public byte[] ToBytes()
    {
        var b = new byte[FixedBytes + (StalePages.Length * 8)];
        var s = b.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(s, Version);
        BinaryPrimitives.WriteInt64LittleEndian(s[4..], NextTti);
        BinaryPrimitives.WriteInt64LittleEndian(s[12..], Clock.EpochTimestamp);
        BinaryPrimitives.WriteInt64LittleEndian(s[20..], Clock.EpochTti);
        BinaryPrimitives.WriteInt64LittleEndian(s[28..], Clock.Period.Ticks);
        BinaryPrimitives.WriteInt64LittleEndian(s[36..], Clock.TimestampFrequency);
        BinaryPrimitives.WriteUInt32LittleEndian(s[44..], (uint)StalePages.Length);
        for (int i = 0; i < StalePages.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(s[(FixedBytes + (i * 8))..], StalePages[i]);
        }

        return b;
    }

    /// <summary>Decodes a blob; throws <see cref="MigrationAbortedException"/> when malformed.</summary>
    public static ExecutionState Parse(ReadOnlySpan<byte> s)
    {
        if (s.Length < FixedBytes || BinaryPrimitives.ReadUInt32LittleEndian(s) != Version)
        {
            throw new MigrationAbortedException(Wire.Frames.AbortReason.ProtocolError, "Malformed execution state.");
        }

        uint words = BinaryPrimitives.ReadUInt32LittleEndian(s[44..]);
        if ((long)s.Length != FixedBytes + ((long)words * 8))
        {
            throw new MigrationAbortedException(Wire.Frames.AbortReason.ProtocolError, "Execution state bitmap length mismatch.");
        }

        var bitmap = new ulong[words];
        for (int i = 0; i < bitmap.Length; i++)
        {
            bitmap[i] = BinaryPrimitives.ReadUInt64LittleEndian(s[(FixedBytes + (i * 8))..]);
        }

        var clock = new TtiClock(
            BinaryPrimitives.ReadInt64LittleEndian(s[12..]),
            BinaryPrimitives.ReadInt64LittleEndian(s[20..]),
            TimeSpan.FromTicks(BinaryPrimitives.ReadInt64LittleEndian(s[28..])),
            BinaryPrimitives.ReadInt64LittleEndian(s[36..]));
        return new ExecutionState(BinaryPrimitives.ReadInt64LittleEndian(s[4..]), clock, bitmap);
    }
}
