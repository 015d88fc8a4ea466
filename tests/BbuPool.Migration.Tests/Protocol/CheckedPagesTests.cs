using BbuPool.Migration.Protocol;
using BbuPool.Migration.State;
using BbuPool.Wire.Frames;

namespace BbuPool.Migration.Tests.Protocol;

public sealed class CheckedPagesTests
{
    private static byte[] Frame(int pageSize, params ulong[] indices)
    {
        var image = new byte[(int)(indices.Max() + 1) * pageSize];
        new Random(5).NextBytes(image);
        var frames = new FrameWriter();
        var frame = PagesFrame.WriteRaw(frames, 1, pageSize, image, indices);
        return frame.Slice(FrameEnvelope.HeaderSize, FrameEnvelope.ReadFrame(frame.Span).BodyLength).ToArray();
    }

    [Fact]
    public void Entries_InsideTheImage_ComeOutWithTheirIndex()
    {
        var body = Frame(PageRegion.PageSize, 0, 3, 7);
        var pages = new CheckedPages(body, 8, "pages");
        var seen = new List<int>();
        while (pages.TryReadNext(out var page, out int index))
        {
            Assert.Equal(PageRegion.PageSize, page.Data.Length);
            seen.Add(index);
        }

        Assert.Equal([0, 3, 7], seen);
    }

    [Fact]
    public void PageOutsideTheImage_IsAProtocolError_NamingIt()
    {
        var body = Frame(PageRegion.PageSize, 1, 8);
        var ex = Assert.Throws<MigrationAbortedException>(() =>
        {
            var pages = new CheckedPages(body, 8, "checkpoint pages");
            while (pages.TryReadNext(out _, out _))
            {
            }
        });
        Assert.Equal(AbortReason.ProtocolError, ex.Reason);
        Assert.Contains("checkpoint pages page 8 outside the image of 8 pages", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedBody_OrForeignPageSize_IsAProtocolError()
    {
        var truncated = Frame(PageRegion.PageSize, 0, 1)[..40];
        var malformed = Assert.Throws<MigrationAbortedException>(() => new CheckedPages(truncated, 8, "pages"));
        Assert.Equal(AbortReason.ProtocolError, malformed.Reason);
        Assert.StartsWith("Malformed pages frame", malformed.Message, StringComparison.Ordinal);

        var small = Frame(512, 0, 1);
        var foreign = Assert.Throws<MigrationAbortedException>(() => new CheckedPages(small, 8, "pages"));
        Assert.Contains("512-byte pages", foreign.Message, StringComparison.Ordinal);
    }
}
