namespace BbuPool.Wire.Frames;

/// <summary>Opens a migration session: protocol version, who speaks, which migration, a nonce and time against replay, and an HMAC-SHA256 tag (see <see cref="HelloAuthenticator"/>).</summary>
public sealed record HelloFrame : IFrame<HelloFrame>
{
    /// <summary>Field ids (docs/wire-format.md); never reuse a retired id.</summary>
    public static class Fields
    {
        /// <summary>int: the newest protocol version the sender speaks.</summary>
        public const int ProtocolVersion = 0;

        /// <summary>str: the sender's node id.</summary>
        public const int NodeId = 1;

        /// <summary>str: the migration id.</summary>
        public const int MigrationId = 2;

        /// <summary>bin: a fresh random nonce (16 bytes).</summary>
        public const int Nonce = 3;

        /// <summary>timestamp: when the hello was sent.</summary>
        public const int SentAt = 4;

        /// <summary>bin(32): HMAC-SHA256 over every body byte before this field's key; must be the last entry.</summary>
        public const int AuthTag = 15;
    }

    /// <inheritdoc/>
    public static FrameType FrameType => FrameType.Hello;

    /// <summary>The newest protocol version the sender speaks; the session uses the lower of the two peers'.</summary>
    public int ProtocolVersion { get; init; } = FrameEnvelope.CurrentVersion;

    /// <summary>The sender's node id.</summary>
    public required string NodeId { get; init; }

    /// <summary>The migration this session carries.</summary>
    public required string MigrationId { get; init; }

    /// <summary>A fresh random nonce (16 bytes from <see cref="HelloAuthenticator.CreateNonce"/>) so a recorded hello cannot be replayed.</summary>
    public ReadOnlyMemory<byte> Nonce { get; init; }

    /// <summary>When the hello was sent (sender clock), checked against a freshness window.</summary>
    public DateTimeOffset SentAt { get; init; }

    /// <summary>HMAC-SHA256 tag (32 bytes), empty when unsigned; set by <see cref="HelloAuthenticator.Sign"/>.</summary>
    public ReadOnlyMemory<byte> AuthTag { get; init; }

    /// <inheritdoc/>
    public static void Write(ref MessagePackWriter writer, HelloFrame value)
    {
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteMapHeader(5 + WireFields.Count(!value.AuthTag.IsEmpty));
        writer.Write(Fields.ProtocolVersion);
        writer.Write(value.ProtocolVersion);
        WireFields.Write(ref writer, Fields.NodeId, value.NodeId);
        WireFields.Write(ref writer, Fields.MigrationId, value.MigrationId);
        writer.Write(Fields.Nonce);
        writer.Write(value.Nonce.Span);
        WireFields.Write(ref writer, Fields.SentAt, value.SentAt);

        // The tag goes last: it signs every byte before its key (HelloAuthenticator).
        if (!value.AuthTag.IsEmpty)
        {
            writer.Write(Fields.AuthTag);
            writer.Write(value.AuthTag.Span);
        }
    }

    /// <inheritdoc/>
    public static HelloFrame Read(ref MessagePackReader reader)
    {
        int start = reader.Position;
        int version = 0;
        string? nodeId = null;
        string? migrationId = null;
        byte[] nonce = [];
        DateTimeOffset sentAt = default;
        byte[] tag = [];
        for (int i = reader.ReadMapHeader(); i > 0; i--)
        {
            switch (WireFields.ReadFieldId(ref reader))
            {
                case Fields.ProtocolVersion: version = reader.ReadInt32(); break;
                case Fields.NodeId: nodeId = reader.ReadString(); break;
                case Fields.MigrationId: migrationId = reader.ReadString(); break;
                case Fields.Nonce: nonce = reader.ReadBinary().ToArray(); break;
                case Fields.SentAt: sentAt = reader.ReadDateTimeOffset(); break;
                case Fields.AuthTag: tag = reader.ReadBinary().ToArray(); break;
                default: reader.Skip(); break;
            }
        }

        return new HelloFrame
        {
            ProtocolVersion = version,
            NodeId = nodeId ?? throw WireFields.Missing(nameof(HelloFrame), Fields.NodeId, nameof(NodeId), start),
            MigrationId = migrationId ?? throw WireFields.Missing(nameof(HelloFrame), Fields.MigrationId, nameof(MigrationId), start),
            Nonce = nonce,
            SentAt = sentAt,
            AuthTag = tag,
        };
    }
}
