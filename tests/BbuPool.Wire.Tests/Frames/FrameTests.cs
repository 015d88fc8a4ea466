using System.Runtime.CompilerServices;
using BbuPool.Wire.Frames;

namespace BbuPool.Wire.Tests.Frames;

public class FrameTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EveryFrame_RoundTripsThroughTheEnvelope()
    {
        AssertFrame(new BeginFrame { MigrationId = "m-1", CellId = "c-1", Method = "Hybrid", PageSize = 4096, PageCount = 16384, SourceNodeId = "a", TargetNodeId = "b" });
        AssertFrame(new RoundEndFrame { Round = 3, PagesSent = 900, BytesSent = 900 * 4096, DirtyPages = 17 });
        AssertFrame(new StopFrame { Round = 4, LastTti = 123_456_789, StoppedAt = At });
        AssertFrame(new PageRequestFrame { RequestId = 77, PageIndices = [5, 1, ulong.MaxValue] });
        AssertFrame(new ResumeFrame { FirstTti = 123_456_791, ResumedAt = At });
        AssertFrame(new CommitFrame { MigrationId = "m-1", CommittedAt = At });
        AssertFrame(new AbortFrame { Reason = AbortReason.NotConverging, Message = "dirty rate 1.2 GB/s above link" });
        AssertFrame(new AbortFrame { Reason = (AbortReason)200 });
        AssertFrame(new AbortFrame { Reason = AbortReason.ChecksumMismatch, SenderRunning = false });
        AssertFrame(new ReplicaFeedFrame { Entries = [new ReplicaTti(1001, 100, 28, 12, 4, 0xDEADBEEF, ulong.MaxValue), new ReplicaTti(long.MaxValue, 0, 0, 0, 1, 0, 0)] });
        AssertFrame(new ReplicaOutputsFrame());
        AssertFrame(new ReplicaOutputsFrame { Entries = [new ReplicaTti(-1, 6, 0, 1, 2, 3, 42)] });
        AssertFrame(new AbortFrame { Reason = AbortReason.SourceFailed, Message = "link", SenderRunning = true });
        var hello = new HelloFrame { NodeId = "a", MigrationId = "m-1", Nonce = new byte[16], SentAt = At };
        var back = AssertFrameBytes(hello);
        Assert.Equal(hello.NodeId, back.NodeId);
        Assert.Equal(1, back.ProtocolVersion);
    }

    [Fact]
    public void ExecutionState_FromMemory_IsASliceOfTheBody()
    {
        var state = new byte[10_000];
        new Random(1).NextBytes(state);
        var frames = new FrameWriter();
        var frame = frames.Write(new ExecutionStateFrame { LastTti = 9, State = state, CapturedAt = At });
        var header = FrameEnvelope.ReadFrame(frame.Span);
        var body = frame.Slice(FrameEnvelope.HeaderSize, header.BodyLength);
        var read = ExecutionStateFrame.Read(body);
        Assert.True(read.State.Span.SequenceEqual(state));
        Assert.True(body.Span.Overlaps(read.State.Span));
        var reader = new MessagePackReader(body.Span);
        var copied = ExecutionStateFrame.Read(ref reader);
        Assert.True(copied.State.Span.SequenceEqual(state));
        Assert.False(body.Span.Overlaps(copied.State.Span));
    }

    [Fact]
    public void Writer_GrowsPastItsRentedBuffer_AndWritesValidFramesAfterDispose()
    {
        var state = new byte[100_000];
        new Random(3).NextBytes(state);
        var frames = new FrameWriter(64);
        var frame = frames.Write(new ExecutionStateFrame { LastTti = 4, State = state, CapturedAt = At });
        Assert.True(ExecutionStateFrame.Read(frame.Slice(FrameEnvelope.HeaderSize, FrameEnvelope.ReadFrame(frame.Span).BodyLength)).State.Span.SequenceEqual(state));

        // A channel returns its writer's buffer when it closes; a late frame must still be whole.
        frames.Dispose();
        frames.Dispose();
        var late = frames.Write(new RoundEndFrame { Round = 7 }).ToArray();
        Assert.Equal(FrameReadStatus.Complete, FrameEnvelope.TryReadFrame(late, out var header));
        Assert.Equal(FrameType.RoundEnd, header.Type);
    }

    [Fact]
    public void Writer_BeginIn_WritesTheSameFrameIntoTheTarget_AndRefusesToOutgrowIt()
    {
        var state = new byte[5_000];
        new Random(4).NextBytes(state);
        var expected = new FrameWriter().Write(new ExecutionStateFrame { LastTti = 2, State = state, CapturedAt = At }).ToArray();

        var frames = new FrameWriter(64);
        var target = new byte[expected.Length + 300];
        var writer = frames.BeginIn(target, FrameType.ExecutionState);
        ExecutionStateFrame.Write(ref writer, new ExecutionStateFrame { LastTti = 2, State = state, CapturedAt = At });
        writer.Flush();
        var frame = frames.Complete();
        Assert.True(frame.Span.Overlaps(target));
        Assert.True(frame.Span.SequenceEqual(expected));

        // The next frame goes back to the writer's own buffer.
        Assert.False(frames.Write(new RoundEndFrame { Round = 1 }).Span.Overlaps(target));
        Assert.Throws<InvalidOperationException>(() =>
        {
            var small = frames.BeginIn(new byte[1_000], FrameType.ExecutionState);
            ExecutionStateFrame.Write(ref small, new ExecutionStateFrame { LastTti = 2, State = state, CapturedAt = At });
            small.Flush();
        });
    }

    [Fact]
    public void Writer_RentsFromAndReturnsToTheGivenPool()
    {
        var pool = new CountingPool();
        var frames = new FrameWriter(64, pool);
        frames.Write(new ExecutionStateFrame { LastTti = 1, State = new byte[10_000], CapturedAt = At });
        frames.Dispose();
        Assert.True(pool.Rented >= 2);
        Assert.Equal(pool.Rented, pool.Returned);
    }

    private sealed class CountingPool : System.Buffers.ArrayPool<byte>
    {
        public int Rented { get; private set; }

        public int Returned { get; private set; }

        public override byte[] Rent(int minimumLength)
        {
            Rented++;
            return new byte[minimumLength];
        }

        public override void Return(byte[] array, bool clearArray = false) => Returned++;
    }

    [Fact]
    public void Envelope_Layout_IsAsDocumented()
    {
        var frames = new FrameWriter(64);
        var frame = frames.Write(new RoundEndFrame { Round = 1 }).ToArray();
        Assert.Equal("BBUW"u8.ToArray(), frame[..4]);
        Assert.Equal(1, frame[4]);
        Assert.Equal((byte)FrameType.RoundEnd, frame[5]);
        Assert.Equal(0, frame[6] | frame[7]);
        Assert.Equal(frame.Length - 16, (frame[8] << 24) | (frame[9] << 16) | (frame[10] << 8) | frame[11]);
        uint crc = Crc32C.Append(Crc32C.Compute(frame.AsSpan(0, 12)), frame.AsSpan(16));
        Assert.Equal(crc, (uint)((frame[12] << 24) | (frame[13] << 16) | (frame[14] << 8) | frame[15]));
    }

    [Fact]
    public void Envelope_DetectsEveryKindOfDamage()
    {
        var frames = new FrameWriter(64);
        var frame = frames.Write(new CommitFrame { MigrationId = "m-1", CommittedAt = At }).ToArray();
        Assert.Equal(FrameReadStatus.Complete, FrameEnvelope.TryReadFrame(frame, out var header));
        Assert.Equal(FrameType.Commit, header.Type);
        Assert.Equal(frame.Length, header.FrameLength);

        for (int n = 0; n < frame.Length; n++)
        {
            Assert.Equal(FrameReadStatus.NeedMoreData, FrameEnvelope.TryReadFrame(frame.AsSpan(0, n), out _));
        }

        for (int i = 0; i < frame.Length; i++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                var damaged = (byte[])frame.Clone();
                damaged[i] ^= (byte)(1 << bit);
                var status = FrameEnvelope.TryReadFrame(damaged, out _);
                Assert.NotEqual(FrameReadStatus.Complete, status);
            }
        }

        var badMagic = (byte[])frame.Clone();
        badMagic[0] = (byte)'X';
        Assert.Equal(0, Assert.Throws<MessagePackFormatException>(() => FrameEnvelope.ReadFrame(badMagic)).Offset);
        var badVersion = (byte[])frame.Clone();
        badVersion[4] = 2;
        Assert.Equal(4, Assert.Throws<MessagePackFormatException>(() => FrameEnvelope.ReadFrame(badVersion)).Offset);
        Assert.Equal(FrameReadStatus.TooLarge, FrameEnvelope.TryReadFrame(frame, out _, maxBodyLength: 4));
        var badCrc = (byte[])frame.Clone();
        badCrc[^1] ^= 1;
        Assert.Equal(12, Assert.Throws<MessagePackFormatException>(() => FrameEnvelope.ReadFrame(badCrc)).Offset);
    }

    [Fact]
    public void Pages_AreWrittenOnceAndReadAsSlices()
    {
        const int PageSize = 4096;
        var image = new byte[256 * PageSize];
        new Random(2).NextBytes(image);
        ulong[] indices = [.. Enumerable.Range(0, 64).Select(i => (ulong)(i * 3))];
        var frames = new FrameWriter(1024);
        var frame = PagesFrame.WriteRaw(frames, 2, PageSize, image, indices);
        var header = FrameEnvelope.ReadFrame(frame.Span);
        Assert.Equal(FrameType.Pages, header.Type);
        var body = frame.Slice(FrameEnvelope.HeaderSize, header.BodyLength);

        var reader = new PagesFrameReader(body.Span);
        Assert.Equal(2, reader.Round);
        Assert.Equal(PageSize, reader.PageSize);
        Assert.Equal(64, reader.Count);
        int n = 0;
        while (reader.TryReadNext(out var page))
        {
            Assert.Equal(indices[n], page.Index);
            Assert.Equal(PageEncoding.Raw, page.Encoding);
            Assert.True(page.Data.SequenceEqual(image.AsSpan((int)page.Index * PageSize, PageSize)));

            // A slice of the body, not a copy: same address as the memory slice at DataOffset.
            Assert.True(Unsafe.AreSame(
                ref Unsafe.AsRef(in page.Data[0]),
                ref Unsafe.AsRef(in body.Span[page.DataOffset])));
            n++;
        }

        Assert.Equal(64, n);
    }

    [Fact]
    public void Pages_MixedEncodings_AndUnknownExtras_RoundTrip()
    {
        var frames = new FrameWriter(64);
        var writer = frames.Begin(FrameType.Pages);
        writer.WriteMapHeader(5);
        writer.Write(PagesFrame.Fields.Round);
        writer.Write(0);
        writer.Write(PagesFrame.Fields.Pages);
        writer.WriteArrayHeader(3);
        PagesFrame.WritePage(ref writer, 10, PageEncoding.Zero, []);
        PagesFrame.WritePage(ref writer, 11, PageEncoding.DeltaXbzrle, [1, 2, 3]);
        writer.WriteArrayHeader(4);
        writer.Write(12UL);
        writer.Write(0);
        writer.Write(new byte[] { 9 }.AsSpan());
        writer.Write("a field of a newer version");
        writer.Write(PagesFrame.Fields.RequestId);
        writer.Write(5);
        writer.Write(PagesFrame.Fields.PageSize);
        writer.Write(4096);
        writer.Write(42);
        writer.WriteNil();
        writer.Flush();
        var frame = frames.Complete();
        var body = frame.Span[FrameEnvelope.HeaderSize..];
        var reader = new PagesFrameReader(body);
        Assert.Equal(5, reader.RequestId);
        Assert.Equal(4096, reader.PageSize);
        Assert.True(reader.TryReadNext(out var p));
        Assert.Equal((10UL, PageEncoding.Zero, 0), (p.Index, p.Encoding, p.Data.Length));
        Assert.True(reader.TryReadNext(out p));
        Assert.Equal((11UL, PageEncoding.DeltaXbzrle), (p.Index, p.Encoding));
        Assert.Equal(new byte[] { 1, 2, 3 }, p.Data.ToArray());
        Assert.True(reader.TryReadNext(out p));
        Assert.Equal(12UL, p.Index);
        Assert.False(reader.TryReadNext(out _));
    }

    [Fact]
    public void Pages_TruncatedEntry_ThrowsAtConstruction()
    {
        var frames = new FrameWriter(64);
        var frame = PagesFrame.WriteRaw(frames, 0, 16, new byte[64], [0, 1, 2]).ToArray();
        var body = frame.AsSpan(FrameEnvelope.HeaderSize, frame.Length - FrameEnvelope.HeaderSize - 5).ToArray();
        var ex = Assert.Throws<MessagePackFormatException>(() => new PagesFrameReader(body));
        Assert.InRange(ex.Offset, 0, body.Length);
    }

    [Fact]
    public void Hello_SignedTag_Verifies_AndAnyChangeBreaksIt()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var hello = HelloAuthenticator.Sign(
            new HelloFrame { NodeId = "node-07", MigrationId = "m-1", Nonce = HelloAuthenticator.CreateNonce(), SentAt = At },
            key);
        Assert.Equal(32, hello.AuthTag.Length);
        var body = WireSerializer.ToArray(hello);
        Assert.True(HelloAuthenticator.Verify(body, key));

        var otherKey = (byte[])key.Clone();
        otherKey[0] ^= 1;
        Assert.False(HelloAuthenticator.Verify(body, otherKey));
        for (int i = 0; i < body.Length; i++)
        {
            var damaged = (byte[])body.Clone();
            damaged[i] ^= 0x40;
            Assert.False(HelloAuthenticator.Verify(damaged, key));
        }

        var unsigned = WireSerializer.ToArray(hello with { AuthTag = default });
        Assert.False(HelloAuthenticator.Verify(unsigned, key));
        Assert.Throws<ArgumentException>(() => HelloAuthenticator.Verify(body, new byte[16]));
    }

    [Fact]
    public void Hello_Freshness_UsesTheInjectedClock()
    {
        var time = new FixedTime(At.AddSeconds(3));
        var hello = new HelloFrame { NodeId = "a", MigrationId = "m", SentAt = At };
        Assert.True(HelloAuthenticator.IsFresh(hello, time, TimeSpan.FromSeconds(5)));
        Assert.False(HelloAuthenticator.IsFresh(hello, time, TimeSpan.FromSeconds(2)));
    }

    private static void AssertFrame<T>(T frame)
        where T : IFrame<T> =>
        Assert.Equal(frame, AssertFrameBytes(frame));

    private static T AssertFrameBytes<T>(T frame)
        where T : IFrame<T>
    {
        var frames = new FrameWriter(32);
        var bytes = frames.Write(frame);
        var header = FrameEnvelope.ReadFrame(bytes.Span);
        Assert.Equal(T.FrameType, header.Type);
        Assert.Equal(bytes.Length, header.FrameLength);
        return WireSerializer.Deserialize<T>(bytes.Span.Slice(FrameEnvelope.HeaderSize, header.BodyLength));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
