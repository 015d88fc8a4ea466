using BbuPool.Testing.Transport;
using BbuPool.Transport;
using BbuPool.Wire;
using BbuPool.Wire.Frames;

namespace BbuPool.Migration.Tests.Protocol;

/// <summary>
/// The test's end of a link to a real <see cref="BbuPool.Migration.Protocol.MigrationSource"/>:
/// it speaks the protocol by hand, so a test can send what a real destination would only send
/// in a race (or never).
/// </summary>
internal sealed class FakeDestination(InMemoryTransportLink link) : IDisposable
{
    private readonly FrameWriter _frames = new();

    public InMemoryTransportLink Link => link;

    /// <summary>Takes the source's hello and answers with one signed under <see cref="MigrationRig.Key"/>.</summary>
    public async Task AnswerHelloAsync(string migrationId)
    {
        (await link.ReceiveAsync()).Dispose();
        await SendAsync(HelloAuthenticator.Sign(
            new HelloFrame { NodeId = "dst", MigrationId = migrationId, Nonce = HelloAuthenticator.CreateNonce(), SentAt = DateTimeOffset.UtcNow },
            MigrationRig.Key));
    }

    /// <summary>Reads, dropping every other frame, until a <typeparamref name="TFrame"/> that <paramref name="accept"/> takes.</summary>
    public async Task<TFrame> ReceiveAsync<TFrame>(Func<TFrame, bool>? accept = null)
        where TFrame : IFrame<TFrame>
    {
        while (true)
        {
            using var frame = await link.ReceiveAsync();
            if (Read<TFrame>(frame.Span) is { } body && (accept?.Invoke(body) ?? true))
            {
                return body;
            }
        }
    }

    /// <summary>Sends one frame.</summary>
    public async Task SendAsync<TFrame>(TFrame frame)
        where TFrame : IFrame<TFrame> => await link.SendAsync(_frames.Write(frame));

    /// <summary>Sends a pages frame holding <paramref name="pages"/>: index, encoding and data of each.</summary>
    public async Task SendPagesAsync(params (int Index, PageEncoding Encoding, byte[] Data)[] pages)
    {
        var writer = _frames.Begin(FrameType.Pages);
        PagesFrame.WriteHeader(ref writer, 0, 0, BbuPool.Migration.State.PageRegion.PageSize, pages.Length);
        foreach (var (index, encoding, data) in pages)
        {
            PagesFrame.WritePage(ref writer, (ulong)index, encoding, data);
        }

        writer.Flush();
        await link.SendAsync(_frames.Complete());
    }

    public void Dispose() => _frames.Dispose();

    private static TFrame? Read<TFrame>(ReadOnlySpan<byte> frame)
        where TFrame : IFrame<TFrame>
    {
        var header = FrameEnvelope.ReadFrame(frame);
        if (header.Type != TFrame.FrameType)
        {
            return default;
        }

        var reader = new MessagePackReader(frame.Slice(FrameEnvelope.HeaderSize, header.BodyLength));
        return TFrame.Read(ref reader);
    }
}
