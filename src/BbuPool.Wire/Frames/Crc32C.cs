using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BbuPool.Wire.Frames;

/// <summary>CRC-32C (Castagnoli, as in iSCSI/ext4) over <see cref="BitOperations.Crc32C(uint, ulong)"/>, 8 bytes per step, three streams at once on long inputs.</summary>
/// <remarks>
/// One crc32 instruction has a 3-cycle latency but a 1-cycle throughput, so one dependent chain
/// reaches a third of the hardware's speed. Inputs of at least three blocks are cut into three
/// interleaved chains whose registers are then joined: the CRC register is linear, so
/// crc(s, A‖B) = shift|B|(crc(s, A)) ⊕ crc(0, B), and shifting by a fixed block length is a
/// 32-bit linear map tabulated once (4 × 256 entries).
/// </remarks>
public static class Crc32C
{
    // 4 KiB blocks: a stripe of 3 blocks (12 KiB) is L1-resident on every core we target, and the
    // join (two table shifts, ~10 ns) is under 1 % of the ~0.5 us the stripe takes.
    private const int BlockSize = 4096;

    private static readonly uint[] ShiftTable = BuildShiftTable(BlockSize);

    /// <summary>The CRC-32C of <paramref name="data"/> (initial value and final xor 0xFFFFFFFF, reflected, as in RFC 3720).</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(0xFFFF_FFFFu, data);

    /// <summary>Continues a CRC-32C: <c>Append(Compute(a), b) == Compute(a ‖ b)</c>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data) => ~Update(~crc, data);

    /// <summary>Advances the raw register (no initial or final inversion) over <paramref name="data"/>.</summary>
    internal static uint Update(uint state, ReadOnlySpan<byte> data)
    {
        const int Stripe = 3 * BlockSize;
        while (data.Length >= Stripe)
        {
            uint a = state;
            uint b = 0;
            uint c = 0;
            ref byte p = ref MemoryMarshal.GetReference(data);
            for (int i = 0; i < BlockSize; i += 8)
            {
                a = BitOperations.Crc32C(a, ReadUInt64(ref p, i));
                b = BitOperations.Crc32C(b, ReadUInt64(ref p, BlockSize + i));
                c = BitOperations.Crc32C(c, ReadUInt64(ref p, (2 * BlockSize) + i));
            }

            state = Shift(Shift(a) ^ b) ^ c;
            data = data[Stripe..];
        }

        return UpdateSerial(state, data);
    }

    /// <summary>The plain one-chain loop; also the reference the striped loop is tested against.</summary>
    internal static uint UpdateSerial(uint state, ReadOnlySpan<byte> data)
    {
        ref byte p = ref MemoryMarshal.GetReference(data);
        int i = 0;
        for (; i <= data.Length - 8; i += 8)
        {
            state = BitOperations.Crc32C(state, ReadUInt64(ref p, i));
        }

        if (i <= data.Length - 4)
        {
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt32LittleEndian(data[i..]));
            i += 4;
        }

        for (; i < data.Length; i++)
        {
            state = BitOperations.Crc32C(state, data[i]);
        }

        return state;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ReadUInt64(ref byte p, int offset)
    {
        // The crc32 instruction consumes the lowest-addressed byte first: little-endian order.
        ulong v = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, offset));
        return BitConverter.IsLittleEndian ? v : BinaryPrimitives.ReverseEndianness(v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Shift(uint state)
    {
        var t = ShiftTable;
        return t[state & 0xff] ^ t[256 + ((state >> 8) & 0xff)] ^ t[512 + ((state >> 16) & 0xff)] ^ t[768 + (state >> 24)];
    }

    private static uint[] BuildShiftTable(int length)
    {
        // The register after `length` zero bytes, starting from each single-bit state (linear map).
        Span<byte> zeros = stackalloc byte[length];
        zeros.Clear();
        Span<uint> basis = stackalloc uint[32];
        for (int bit = 0; bit < 32; bit++)
        {
            basis[bit] = UpdateSerial(1u << bit, zeros);
        }

        var table = new uint[4 * 256];
        for (int lane = 0; lane < 4; lane++)
        {
            for (int value = 0; value < 256; value++)
            {
                uint acc = 0;
                for (int bit = 0; bit < 8; bit++)
                {
                    if ((value & (1 << bit)) != 0)
                    {
                        acc ^= basis[(lane * 8) + bit];
                    }
                }

                table[(lane * 256) + value] = acc;
            }
        }

        return table;
    }
}
