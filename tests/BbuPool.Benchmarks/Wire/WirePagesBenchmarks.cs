using System.Buffers;
using BenchmarkDotNet.Attributes;
using BbuPool.Wire;
using BbuPool.Wire.Frames;

namespace BbuPool.Benchmarks.Wire;

/// <summary>A 64-page pages frame (256 KiB of payload): encode + decode against a plain copy of the same pages, in the same run.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class WirePagesBenchmarks
{
    // 4 KiB pages, 64 of them: the batch the migration protocol sends (256 KiB).
    private const int PageSize = 4096;
    private const int PageCount = 64;

    // The pages come from a 4 MiB state image, every 16th page, like a sparse dirty set.
    private readonly byte[] _image = new byte[1024 * PageSize];
    private readonly byte[] _copy = new byte[PageCount * PageSize];
    private readonly ulong[] _indices = new ulong[PageCount];
    private readonly FrameWriter _frames = new();
    private readonly ArrayBufferWriter<byte> _body = new(PageCount * (PageSize + PagesFrame.MaxEntryOverhead) + 64);

    /// <summary>Fills the image and picks the pages.</summary>
    [GlobalSetup]
    public void Setup()
    {
        new Random(1).NextBytes(_image);
        for (int i = 0; i < PageCount; i++)
        {
            _indices[i] = (ulong)(i * 16);
        }

        Console.WriteLine($"// Crc32C.Path = {Crc32C.Path}");

        // Grow the frame writer once, outside the measurement.
        PagesFrame.WriteRaw(_frames, 0, PageSize, _image, _indices);
    }

    /// <summary>Baseline: copy the same 64 pages into one contiguous buffer, page by page.</summary>
    [Benchmark(Baseline = true)]
    public int PlainCopy()
    {
        var destination = _copy.AsSpan();
        for (int i = 0; i < PageCount; i++)
        {
            _image.AsSpan((int)_indices[i] * PageSize, PageSize).CopyTo(destination[(i * PageSize)..]);
        }

        return destination[^1];
    }

    /// <summary>MessagePack body only (no envelope, no CRC): header and 64 page entries (one copy each) into a reused buffer, then every page read back as a slice.</summary>
    [Benchmark]
    public int EncodeDecodeBody()
    {
        _body.ResetWrittenCount();
        var writer = new MessagePackWriter(_body);
        PagesFrame.WriteHeader(ref writer, 0, 0, PageSize, PageCount);
        for (int i = 0; i < PageCount; i++)
        {
            ulong index = _indices[i];
            PagesFrame.WritePage(ref writer, index, PageEncoding.Raw, _image.AsSpan((int)index * PageSize, PageSize));
        }

        writer.Flush();
        return ReadPages(_body.WrittenSpan);
    }

    /// <summary>The whole frame: body as above plus the envelope's CRC-32C on write and again on read.</summary>
    [Benchmark]
    public int EncodeDecodeFrame()
    {
        var frame = PagesFrame.WriteRaw(_frames, 0, PageSize, _image, _indices).Span;
        if (FrameEnvelope.TryReadFrame(frame, out var header) != FrameReadStatus.Complete)
        {
            throw new InvalidOperationException("The frame did not verify.");
        }

        return ReadPages(frame.Slice(FrameEnvelope.HeaderSize, header.BodyLength));
    }

    /// <summary>CRC-32C of the 256 KiB payload alone as the envelope computes it (the path <see cref="Crc32C.Path"/> names).</summary>
    [Benchmark]
    public uint Crc32CEnvelope() => Crc32C.Compute(_copy);

    /// <summary>CRC-32C of the same bytes with 256-bit folding (the path of CPUs with 256-bit VPCLMULQDQ but not 512-bit); 0 where the CPU lacks it.</summary>
    [Benchmark]
    public uint Crc32CFolded256() => Crc32C.IsVectorized256 ? ~Crc32C.UpdateFolded256(0xFFFF_FFFFu, _copy) : 0;

    /// <summary>CRC-32C of the same bytes with three interleaved crc32 chains (the path without VPCLMULQDQ).</summary>
    [Benchmark]
    public uint Crc32CStriped() => ~Crc32C.UpdateStriped(0xFFFF_FFFFu, _copy);

    /// <summary>CRC-32C of the same bytes as one dependent chain of 8-byte steps, for comparison.</summary>
    [Benchmark]
    public uint Crc32CSerial() => ~Crc32C.UpdateSerial(0xFFFF_FFFFu, _copy);

    private static int ReadPages(ReadOnlySpan<byte> body)
    {
        var reader = new PagesFrameReader(body);
        int sum = 0;
        while (reader.TryReadNext(out var page))
        {
            sum += page.Data.Length + page.Data[0];
        }

        return sum;
    }
}
