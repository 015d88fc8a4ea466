using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace BbuPool.Wire.Frames;

/// <summary>CRC-32C (Castagnoli, as in iSCSI/ext4): carry-less-multiply folding where the CPU has 512-bit or 256-bit VPCLMULQDQ, else <see cref="BitOperations.Crc32C(uint, ulong)"/> in three streams.</summary>
/// <remarks>
/// <para>
/// Folding (Intel, "Fast CRC Computation Using PCLMULQDQ", reflected form): four 512-bit
/// accumulators take 256 bytes per step, each 128-bit lane moved 2048 bits forward by two
/// carry-less multiplies with x^(2048±32) mod P; the lanes are then folded into one 128-bit value
/// whose CRC equals the input's, finished with two crc32 instructions. The constants are computed
/// at start-up (and the same generator reproduces zlib's published CRC-32 constants, see tests).
/// A 128-bit form (four xmm accumulators, 64 bytes per step) was measured at half the speed of
/// the three crc32 chains on a Zen 4 machine (77 us vs 39 us for 256 KiB), but a 256-bit form with
/// eight ymm accumulators ran at twice their speed on a Zen 3 one (14.4-14.9 us vs 31.2 us for
/// 256 KiB), so CPUs with 256-bit VPCLMULQDQ and no 512-bit form fold 256 bits wide, and the
/// rest take the chains.
/// </para>
/// <para>
/// Without it: one crc32 instruction has a 3-cycle latency but a 1-cycle throughput, so inputs of
/// at least three blocks are cut into three interleaved chains joined afterwards: the register is
/// linear, crc(s, A‖B) = shift|B|(crc(s, A)) ⊕ crc(0, B), and the shift by a fixed block length
/// is a 32-bit linear map tabulated once (4 × 256 entries).
/// </para>
/// </remarks>
public static class Crc32C
{
    // The loops are compiled optimized at once instead of tier 0 first: on a loaded 2-core machine
    // the tiering thread took seconds to promote them, and migrations meanwhile checked frames at
    // 3.7-5.8 GB/s instead of 35-50 GB/s (256 KiB, same process, before and after promotion).
    private const MethodImplOptions HotLoop = MethodImplOptions.AggressiveOptimization;

    // 4 KiB blocks: a stripe of 3 blocks (12 KiB) is L1-resident on every core we target, and the
    // join (two table shifts, ~10 ns) is under 1 % of the ~0.5 us the stripe takes.
    private const int BlockSize = 4096;

    // The Castagnoli polynomial with its x^32 term (normal form), for the folding constants.
    private const ulong Polynomial = 0x1_1EDC_6F41;

    // 256 bytes per folding step: four 512-bit (or eight 256-bit) accumulators keep the multiplier
    // busy across its latency, and both widths share the constants.
    private const int FoldStride = 256;

    private static readonly uint[] ShiftTable = BuildShiftTable(BlockSize);

    // x^(2048+32) and x^(2048-32) mod P, reflected, for the low and high 64 bits of each lane.
    private static readonly Vector128<ulong> Fold2048 = Vector128.Create(FoldConstant((8 * FoldStride) + 32), FoldConstant((8 * FoldStride) - 32));

    // The same for one 128-bit step.
    private static readonly Vector128<ulong> Fold128 = Vector128.Create(FoldConstant(128 + 32), FoldConstant(128 - 32));

    /// <summary>True when this CPU takes the 512-bit carry-less-multiply path.</summary>
    public static bool IsVectorized => Pclmulqdq.V512.IsSupported && Pclmulqdq.IsSupported && Sse42.X64.IsSupported;

    /// <summary>True when this CPU has 256-bit VPCLMULQDQ (Zen 3, Ice Lake and later) and takes that path where it lacks the 512-bit one.</summary>
    public static bool IsVectorized256 => Pclmulqdq.V256.IsSupported && Pclmulqdq.IsSupported && Sse42.X64.IsSupported;

    /// <summary>The path <see cref="Update"/> takes on this CPU, for benchmark reports.</summary>
    public static string Path => IsVectorized ? "fold-512" : IsVectorized256 ? "fold-256" : "crc32-3-chains";

    /// <summary>The CRC-32C of <paramref name="data"/> (initial value and final xor 0xFFFFFFFF, reflected, as in RFC 3720).</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(0xFFFF_FFFFu, data);

    /// <summary>Continues a CRC-32C: <c>Append(Compute(a), b) == Compute(a ‖ b)</c>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data) => ~Update(~crc, data);

    /// <summary>Advances the raw register (no initial or final inversion) over <paramref name="data"/>.</summary>
    internal static uint Update(uint state, ReadOnlySpan<byte> data)
    {
        if (data.Length >= 2 * FoldStride)
        {
            if (IsVectorized)
            {
                return UpdateFolded(state, data);
            }

            if (IsVectorized256)
            {
                return UpdateFolded256(state, data);
            }
        }

        return UpdateStriped(state, data);
    }

    /// <summary>The three-chain crc32 loop (any CPU with the instruction); tested against the folded path.</summary>
    [MethodImpl(HotLoop)]
    internal static uint UpdateStriped(uint state, ReadOnlySpan<byte> data)
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
    [MethodImpl(HotLoop)]
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

    /// <summary>The 512-bit folding loop; needs at least 2 × 256 bytes and VPCLMULQDQ.</summary>
    [MethodImpl(HotLoop)]
    internal static uint UpdateFolded(uint state, ReadOnlySpan<byte> data)
    {
        ref byte p = ref MemoryMarshal.GetReference(data);
        var a0 = Vector512.LoadUnsafe(ref p).AsUInt64();
        var a1 = Vector512.LoadUnsafe(ref p, 64).AsUInt64();
        var a2 = Vector512.LoadUnsafe(ref p, 128).AsUInt64();
        var a3 = Vector512.LoadUnsafe(ref p, 192).AsUInt64();

        // The register's initial state enters as an xor into the first 4 bytes.
        a0 ^= Vector512.CreateScalar((ulong)state);
        var k = Vector512.Create(Vector256.Create(Fold2048, Fold2048), Vector256.Create(Fold2048, Fold2048));
        nuint offset = FoldStride;
        nuint end = (nuint)(data.Length - FoldStride);
        for (; offset <= end; offset += FoldStride)
        {
            a0 = Fold(a0, k, Vector512.LoadUnsafe(ref p, offset).AsUInt64());
            a1 = Fold(a1, k, Vector512.LoadUnsafe(ref p, offset + 64).AsUInt64());
            a2 = Fold(a2, k, Vector512.LoadUnsafe(ref p, offset + 128).AsUInt64());
            a3 = Fold(a3, k, Vector512.LoadUnsafe(ref p, offset + 192).AsUInt64());
        }

        // Sixteen 128-bit lanes, in memory order, folded into one.
        var x = a0.GetLower().GetLower();
        x = Fold(x, a0.GetLower().GetUpper());
        x = Fold(x, a0.GetUpper().GetLower());
        x = Fold(x, a0.GetUpper().GetUpper());
        x = Fold(x, a1);
        x = Fold(x, a2);
        x = Fold(x, a3);
        return FinishFolded(x, data, offset);
    }

    /// <summary>
    /// The same folding with eight 256-bit accumulators (256 bytes per step, so the same
    /// constants); needs at least 2 × 256 bytes and 256-bit VPCLMULQDQ.
    /// </summary>
    [MethodImpl(HotLoop)]
    internal static uint UpdateFolded256(uint state, ReadOnlySpan<byte> data)
    {
        ref byte p = ref MemoryMarshal.GetReference(data);
        var a0 = Vector256.LoadUnsafe(ref p).AsUInt64();
        var a1 = Vector256.LoadUnsafe(ref p, 32).AsUInt64();
        var a2 = Vector256.LoadUnsafe(ref p, 64).AsUInt64();
        var a3 = Vector256.LoadUnsafe(ref p, 96).AsUInt64();
        var a4 = Vector256.LoadUnsafe(ref p, 128).AsUInt64();
        var a5 = Vector256.LoadUnsafe(ref p, 160).AsUInt64();
        var a6 = Vector256.LoadUnsafe(ref p, 192).AsUInt64();
        var a7 = Vector256.LoadUnsafe(ref p, 224).AsUInt64();

        a0 ^= Vector256.CreateScalar((ulong)state);
        var k = Vector256.Create(Fold2048, Fold2048);
        nuint offset = FoldStride;
        nuint end = (nuint)(data.Length - FoldStride);
        for (; offset <= end; offset += FoldStride)
        {
            a0 = Fold(a0, k, Vector256.LoadUnsafe(ref p, offset).AsUInt64());
            a1 = Fold(a1, k, Vector256.LoadUnsafe(ref p, offset + 32).AsUInt64());
            a2 = Fold(a2, k, Vector256.LoadUnsafe(ref p, offset + 64).AsUInt64());
            a3 = Fold(a3, k, Vector256.LoadUnsafe(ref p, offset + 96).AsUInt64());
            a4 = Fold(a4, k, Vector256.LoadUnsafe(ref p, offset + 128).AsUInt64());
            a5 = Fold(a5, k, Vector256.LoadUnsafe(ref p, offset + 160).AsUInt64());
            a6 = Fold(a6, k, Vector256.LoadUnsafe(ref p, offset + 192).AsUInt64());
            a7 = Fold(a7, k, Vector256.LoadUnsafe(ref p, offset + 224).AsUInt64());
        }

        // Sixteen 128-bit lanes, in memory order, folded into one.
        var x = a0.GetLower();
        x = Fold(x, a0.GetUpper());
        x = Fold(x, a1);
        x = Fold(x, a2);
        x = Fold(x, a3);
        x = Fold(x, a4);
        x = Fold(x, a5);
        x = Fold(x, a6);
        x = Fold(x, a7);
        return FinishFolded(x, data, offset);
    }

    /// <summary>Folds the whole 16-byte blocks from <paramref name="offset"/> on into <paramref name="x"/>, then finishes with crc32 over x and the last bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint FinishFolded(Vector128<ulong> x, ReadOnlySpan<byte> data, nuint offset)
    {
        ref byte p = ref MemoryMarshal.GetReference(data);
        for (; offset + 16 <= (nuint)data.Length; offset += 16)
        {
            x = Fold(x, Vector128.LoadUnsafe(ref p, offset).AsUInt64());
        }

        // x has the input's remainder: its CRC from a zero register is the input's CRC.
        uint crc = (uint)Sse42.X64.Crc32(0, x.GetElement(0));
        crc = (uint)Sse42.X64.Crc32(crc, x.GetElement(1));
        return UpdateSerial(crc, data[(int)offset..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Fold(Vector128<ulong> acc, Vector128<ulong> k, Vector128<ulong> next) =>
        Pclmulqdq.CarrylessMultiply(acc, k, 0x00) ^ Pclmulqdq.CarrylessMultiply(acc, k, 0x11) ^ next;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Fold(Vector256<ulong> acc, Vector256<ulong> k, Vector256<ulong> next) =>
        Pclmulqdq.V256.CarrylessMultiply(acc, k, 0x00) ^ Pclmulqdq.V256.CarrylessMultiply(acc, k, 0x11) ^ next;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Fold(Vector512<ulong> acc, Vector512<ulong> k, Vector512<ulong> next) =>
        Pclmulqdq.V512.CarrylessMultiply(acc, k, 0x00) ^ Pclmulqdq.V512.CarrylessMultiply(acc, k, 0x11) ^ next;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Fold(Vector128<ulong> acc, Vector128<ulong> next) => Fold(acc, Fold128, next);

    private static Vector128<ulong> Fold(Vector128<ulong> acc, Vector256<ulong> two) => Fold(Fold(acc, two.GetLower()), two.GetUpper());

    private static Vector128<ulong> Fold(Vector128<ulong> acc, Vector512<ulong> four)
    {
        acc = Fold(acc, four.GetLower().GetLower());
        acc = Fold(acc, four.GetLower().GetUpper());
        acc = Fold(acc, four.GetUpper().GetLower());
        return Fold(acc, four.GetUpper().GetUpper());
    }

    /// <summary>x^n mod P, bit-reflected and shifted left by one: the 33-bit form the reflected folding multiplies by.</summary>
    internal static ulong FoldConstant(int n, ulong polynomial = Polynomial)
    {
        ulong r = 1;
        for (int i = 0; i < n; i++)
        {
            r <<= 1;
            if ((r >> 32) != 0)
            {
                r ^= polynomial;
            }
        }

        return (ulong)ReverseBits((uint)r) << 1;
    }

    private static uint ReverseBits(uint v)
    {
        uint r = 0;
        for (int i = 0; i < 32; i++)
        {
            r = (r << 1) | ((v >> i) & 1);
        }

        return r;
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
