using BbuPool.Wire.Frames;

namespace BbuPool.Migration.Protocol;

/// <summary>
/// Mutual hello exchange: each side sends a hello signed with HMAC-SHA256 under the shared key
/// (fresh nonce, timestamp) and verifies the peer's before anything else; an unknown peer can
/// neither start a migration nor feed state.
/// </summary>
internal static class Handshake
{
    public static async Task AsSourceAsync(FrameChannel channel, MigrationOptions options, TimeProvider time, CancellationToken ct)
    {
        await channel.SendAsync(Sign(options, options.SourceNodeId, time), ct);
        await ExpectHelloAsync(channel, options, time, ct);
    }

    public static async Task AsDestinationAsync(FrameChannel channel, MigrationOptions options, TimeProvider time, CancellationToken ct)
    {
        await ExpectHelloAsync(channel, options, time, ct);
        await channel.SendAsync(Sign(options, options.TargetNodeId, time), ct);
    }

    private static HelloFrame Sign(MigrationOptions options, string node, TimeProvider time)
    {
        if (options.SharedKey.Length < HelloAuthenticator.MinimumKeySize)
        {
            throw new MigrationAbortedException(AbortReason.AuthenticationFailed, $"Shared key shorter than {HelloAuthenticator.MinimumKeySize} bytes.");
        }

        var hello = new HelloFrame
        {
            NodeId = node,
            MigrationId = options.MigrationId,
            Nonce = HelloAuthenticator.CreateNonce(),
            SentAt = time.GetUtcNow(),
        };
        return HelloAuthenticator.Sign(hello, options.SharedKey);
    }

    private static async Task ExpectHelloAsync(FrameChannel channel, MigrationOptions options, TimeProvider time, CancellationToken ct)
    {
        using var frame = await channel.ReceiveAsync(ct);
        if (frame.Type != FrameType.Hello)
        {
            throw new MigrationAbortedException(AbortReason.ProtocolError, $"Expected hello, got {frame.Type}.");
        }

        if (options.SharedKey.Length < HelloAuthenticator.MinimumKeySize || !HelloAuthenticator.Verify(frame.Body.Span, options.SharedKey))
        {
            throw new MigrationAbortedException(AbortReason.AuthenticationFailed, "Hello tag does not verify under the shared key.");
        }

        var hello = FrameChannel.Read<HelloFrame>(frame);
        if (!HelloAuthenticator.IsFresh(hello, time, options.HelloMaxSkew))
        {
            throw new MigrationAbortedException(AbortReason.AuthenticationFailed, "Hello is stale (replayed or clock skew).");
        }

        if (hello.MigrationId != options.MigrationId)
        {
            throw new MigrationAbortedException(AbortReason.AuthenticationFailed, $"Hello for migration '{hello.MigrationId}', expected '{options.MigrationId}'.");
        }

        if (hello.ProtocolVersion < FrameEnvelope.MinimumVersion)
        {
            throw new MigrationAbortedException(AbortReason.VersionMismatch, $"Peer speaks protocol {hello.ProtocolVersion}.");
        }
    }
}
