using BbuPool.Migration.Protocol;
using BbuPool.Migration.State;
using BbuPool.Wire.Frames;

namespace BbuPool.Migration.Tests.Protocol;

public sealed class PageBatchBuilderTests
{
    private const int Page = PageRegion.PageSize;

    [Fact]
    public void A_PageWrittenBetweenPrepareAndWrite_IsSentAndCachedAsWritten()
    {
        // Raw pages are read once, straight into the frame: the cache must hold those bytes, not
        // what the page held when the batch was prepared, or the next delta decodes wrong.
        using var region = new PageRegion(4);
        region.Page(1).Fill(0x11);
        using var cache = new DeltaCache(4 * Page, Page, 4);
        using var builder = new PageBatchBuilder(4, cache, zeroElision: true);
        builder.Prepare(p => region.Page(p), [1], 1, 0, useDelta: true);
        region.Page(1).Fill(0x22);

        var pages = Build(builder);

        var (index, encoding, data) = Assert.Single(pages);
        Assert.Equal((1UL, PageEncoding.Raw), (index, encoding));
        Assert.All(data, b => Assert.Equal(0x22, b));
        Assert.True(cache.TryGet(1).SequenceEqual(data));
    }

    [Fact]
    public void Round0_SendsRawPages_WithoutCachingThem()
    {
        using var region = new PageRegion(4);
        region.Page(3).Fill(0x33);
        using var cache = new DeltaCache(4 * Page, Page, 4);
        using var builder = new PageBatchBuilder(4, cache, zeroElision: true);
        builder.Prepare(p => region.Page(p), [3], 0, 0, useDelta: false);
        var sent = Assert.Single(Build(builder));
        Assert.Equal(PageEncoding.Raw, sent.Encoding);
        Assert.True(cache.TryGet(3).IsEmpty);
    }

    [Fact]
    public void A_ZeroPage_IsElided_AndCachedAsZero_SoItsNextVersionGoesAsADelta()
    {
        using var region = new PageRegion(4);
        using var cache = new DeltaCache(4 * Page, Page, 4);
        using var builder = new PageBatchBuilder(4, cache, zeroElision: true);
        builder.Prepare(p => region.Page(p), [2], 0, 0, useDelta: false);
        var first = Assert.Single(Build(builder));
        Assert.Equal(PageEncoding.Zero, first.Encoding);
        Assert.Empty(first.Data);
        Assert.True(cache.TryGet(2) is { Length: Page } zero && !zero.ContainsAnyExcept((byte)0));

        region.Page(2)[100] = 7;
        builder.Prepare(p => region.Page(p), [2], 1, 0, useDelta: true);
        var second = Assert.Single(Build(builder));
        Assert.Equal(PageEncoding.DeltaXbzrle, second.Encoding);
        var restored = new byte[Page];
        PageDelta.Apply(second.Data, restored);
        Assert.True(restored.AsSpan().SequenceEqual(region.Page(2)));
        Assert.True(cache.TryGet(2).SequenceEqual(region.Page(2)));
    }

    [Fact]
    public void PristinePagesOfTheOrigin_GoAsZeroPages_WithoutBeingRead()
    {
        // Page 0 was written with zeros (scanned, then elided), page 1 holds data, pages 2 and 3
        // were never handed out: the source refuses to read those two, so a read would fail.
        using var region = new PageRegion(4);
        region.Write(0, new byte[Page]);
        region.Page(1).Fill(0x44);
        using var builder = new PageBatchBuilder(4, null, zeroElision: true, origin: region);
        builder.Prepare(p => p >= 2 ? throw new InvalidOperationException($"page {p} read") : region.ReadPage(p), [0, 1, 2, 3], 0, 0, useDelta: false);

        var pages = Build(builder);

        Assert.Equal(
            [(0UL, PageEncoding.Zero), (1UL, PageEncoding.Raw), (2UL, PageEncoding.Zero), (3UL, PageEncoding.Zero)],
            pages.Select(p => (p.Index, p.Encoding)));
        Assert.Equal((3, 1), (builder.ZeroPages, builder.RawPages));
        Assert.True(region.IsPristine(2) && region.IsPristine(3));
    }

    [Fact]
    public void WithoutZeroElision_PristinePagesAreReadAndSentRaw()
    {
        using var region = new PageRegion(2);
        using var builder = new PageBatchBuilder(2, null, zeroElision: false, origin: region);
        builder.Prepare(region.ReadPage, [0, 1], 0, 0, useDelta: false);
        Assert.All(Build(builder), p => Assert.Equal((PageEncoding.Raw, Page), (p.Encoding, p.Data.Length)));
    }

    private static List<(ulong Index, PageEncoding Encoding, byte[] Data)> Build(PageBatchBuilder builder)
    {
        using var frames = new FrameWriter();
        var writer = frames.Begin(FrameType.Pages);
        builder.WriteBody(ref writer);
        writer.Flush();
        var frame = frames.Complete();
        var body = frame.Span.Slice(FrameEnvelope.HeaderSize, FrameEnvelope.ReadFrame(frame.Span).BodyLength);
        var reader = new PagesFrameReader(body);
        var pages = new List<(ulong, PageEncoding, byte[])>();
        while (reader.TryReadNext(out var page))
        {
            pages.Add((page.Index, page.Encoding, page.Data.ToArray()));
        }

        return pages;
    }
}
