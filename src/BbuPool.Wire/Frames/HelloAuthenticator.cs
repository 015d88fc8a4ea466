using System.Buffers;
using System.Security.Cryptography;

namespace BbuPool.Wire.Frames;

/// <summary>Signs and verifies hello frames with HMAC-SHA256 under a key the two peers share.</summary>
/// <remarks>
/// The tag is the last map entry (field 15) and covers every body byte before that entry's key,
/// unknown fields of newer versions included, so nothing in the hello can be changed unnoticed.
/// Verification works on the received bytes, never on a re-encoding.
/// </remarks>
public static class HelloAuthenticator
{
    /// <summary>Bytes of an HMAC-SHA256 tag.</summary>
    public const int TagSize = HMACSHA256.HashSizeInBytes;

    /// <summary>The shortest key accepted: 32 bytes, the SHA-256 block-size-safe minimum RFC 2104 recommends (at least the hash length).</summary>
    public const int MinimumKeySize = 32;

    /// <summary>Bytes of a nonce from <see cref="CreateNonce"/>: 128 bits make a repeat across sessions negligible.</summary>
    public const int NonceSize = 16;

    // Key 15 (positive fixint, 1 byte) + bin8 header (2 bytes) + the 32-byte tag.
    private const int TagEntrySize = 1 + 2 + TagSize;

    /// <summary>A fresh random nonce of <see cref="NonceSize"/> bytes.</summary>
    public static byte[] CreateNonce() => RandomNumberGenerator.GetBytes(NonceSize);

    /// <summary>Returns <paramref name="hello"/> with its <see cref="HelloFrame.AuthTag"/> computed under <paramref name="key"/>.</summary>
    public static HelloFrame Sign(HelloFrame hello, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(hello);
        CheckKey(key);

        // Encode with a placeholder tag so the map header counts the tag entry, then sign the bytes before it.
        var buffer = new ArrayBufferWriter<byte>(256);
        WireSerializer.Serialize(buffer, hello with { AuthTag = new byte[TagSize] });
        var signed = buffer.WrittenSpan[..^TagEntrySize];
        var tag = new byte[TagSize];
        HMACSHA256.HashData(key, signed, tag);
        return hello with { AuthTag = tag };
    }

    /// <summary>True when the hello <paramref name="body"/> (as received) carries a valid tag under <paramref name="key"/> as its last entry.</summary>
    public static bool Verify(ReadOnlySpan<byte> body, ReadOnlySpan<byte> key)
    {
        CheckKey(key);
        try
        {
            var reader = new MessagePackReader(body);
            int count = reader.ReadMapHeader();
            for (int i = count; i > 0; i--)
            {
                int keyStart = reader.Position;
                if (WireFields.ReadFieldId(ref reader) != HelloFrame.Fields.AuthTag)
                {
                    reader.Skip();
                    continue;
                }

                var tag = reader.ReadBinary();
                if (i != 1 || !reader.End || tag.Length != TagSize)
                {
                    return false;
                }

                Span<byte> expected = stackalloc byte[TagSize];
                HMACSHA256.HashData(key, body[..keyStart], expected);
                return CryptographicOperations.FixedTimeEquals(expected, tag);
            }

            return false;
        }
        catch (MessagePackFormatException)
        {
            return false;
        }
    }

    /// <summary>True when <paramref name="hello"/> was sent within <paramref name="maxSkew"/> of now (either side), so an old hello is refused.</summary>
    public static bool IsFresh(HelloFrame hello, TimeProvider time, TimeSpan maxSkew)
    {
        ArgumentNullException.ThrowIfNull(hello);
        ArgumentNullException.ThrowIfNull(time);
        var age = time.GetUtcNow() - hello.SentAt;
        return age.Duration() <= maxSkew;
    }

    private static void CheckKey(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumKeySize)
        {
            throw new ArgumentException($"The key must have at least {MinimumKeySize} bytes.", nameof(key));
        }
    }
}
