using System.Buffers;

namespace BbuPool.Wire.Tests;

/// <summary>Writes with a fresh writer and returns the bytes.</summary>
internal static class Encode
{
    public delegate void WriteAction(ref MessagePackWriter writer);

    public static byte[] With(WriteAction action)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        action(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
