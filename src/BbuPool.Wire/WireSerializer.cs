using System.Buffers;

namespace BbuPool.Wire;

/// <summary>Whole-value helpers over <see cref="IWireContract{TSelf}"/>: to a buffer writer or array, and back from bytes.</summary>
public static class WireSerializer
{
    /// <summary>Appends the encoding of <paramref name="value"/> to <paramref name="output"/>.</summary>
    public static void Serialize<T>(IBufferWriter<byte> output, T value)
        where T : IWireContract<T>
    {
        var writer = new MessagePackWriter(output);
        T.Write(ref writer, value);
        writer.Flush();
    }

    /// <summary>Returns the encoding of <paramref name="value"/> as a new array.</summary>
    public static byte[] ToArray<T>(T value)
        where T : IWireContract<T>
    {
        // 256 bytes holds every state-plane record with short ids in one go.
        var buffer = new ArrayBufferWriter<byte>(256);
        Serialize(buffer, value);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes exactly one value that must span all of <paramref name="bytes"/>.</summary>
    /// <exception cref="MessagePackFormatException">Malformed input, or bytes left after the value.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> bytes)
        where T : IWireContract<T>
    {
        var reader = new MessagePackReader(bytes);
        var value = T.Read(ref reader);
        if (!reader.End)
        {
            throw new MessagePackFormatException($"{reader.Remaining} bytes follow the value.", reader.Position);
        }

        return value;
    }

    /// <summary>Decodes exactly one value; false (and no exception) when the bytes are malformed.</summary>
    public static bool TryDeserialize<T>(ReadOnlySpan<byte> bytes, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? value)
        where T : IWireContract<T>
    {
        try
        {
            value = Deserialize<T>(bytes);
            return value is not null;
        }
        catch (MessagePackFormatException)
        {
            value = default;
            return false;
        }
    }
}
