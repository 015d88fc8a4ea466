using System.Buffers.Binary;
using System.Numerics;
using BbuPool.Migration.State;

namespace BbuPool.Migration.Stacks;

/// <summary>
/// A deterministic synthetic baseband stack: per TTI an FFT over PRBs x 12 subcarriers for each
/// antenna, decoder-like soft-combining passes whose count grows with MCS, and the writes of a
/// real PHY/MAC: the scheduler header every TTI, the context and HARQ soft buffer of each
/// scheduled UE, a trace ring, and now and then a cold page.
/// </summary>
public sealed class ReferenceStack : IStack
{
    // Header page fields (byte offsets inside page 0).
    private const int HeaderTtiCount = 0;
    private const int HeaderLastOutput = 8;
    private const int HeaderTraceCursor = 16;

    // One cold-page write every 1024 TTIs (~1 s of LTE): configuration and table updates.
    private const int ColdWritePeriod = 1024;

    // The active UE set shifts by one UE every 200 TTIs: UEs come and go over seconds.
    private const int UeRotationTtis = 200;

    private readonly ReferenceStackOptions _options;
    private readonly int _traceRecordBytes;

    /// <summary>Creates a stack with the given options.</summary>
    public ReferenceStack(ReferenceStackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        Layout = ReferenceStackLayout.For(options.StateBytes, options.MaxUes);
        _traceRecordBytes = Math.Max(64, options.TraceRecordBytes);
    }

    /// <inheritdoc />
    public string Name => "reference";

    /// <inheritdoc />
    public bool Stateful => true;

    /// <inheritdoc />
    public double Throttle { get; set; }

    /// <summary>Where each kind of state lives.</summary>
    public ReferenceStackLayout Layout { get; }

    /// <summary>Pages in the region this stack needs.</summary>
    public int PageCount => (int)(_options.StateBytes / PageRegion.PageSize);

    /// <inheritdoc />
    public void Initialize(PageRegion region)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (region.Length < _options.StateBytes)
        {
            throw new ArgumentException("Region smaller than the stack's state.", nameof(region));
        }

        ulong s = _options.Seed;
        for (int u = 0; u < _options.MaxUes; u++)
        {
            var ctx = region.Raw(Layout.UeContextOffset + ((long)u * ReferenceStackLayout.UeContextBytes), ReferenceStackLayout.UeContextBytes);
            FillRandom(ctx, ref s);
        }

        long coldPages = Layout.ColdBytes / PageRegion.PageSize;
        for (long p = 0; p < coldPages; p++)
        {
            // Deterministic choice of which cold pages carry data; the rest stay zero.
            if ((LoadProfile.Mix(_options.Seed ^ (ulong)p) & 0xFFFF) < _options.ColdFill * 65536)
            {
                FillRandom(region.Raw(Layout.ColdOffset + (p * PageRegion.PageSize), PageRegion.PageSize), ref s);
            }
        }

        region.MarkAllDirty();
    }

    /// <inheritdoc />
    public void PrepareThread() => TtiScratch.Current.Record(_traceRecordBytes);

    /// <inheritdoc />
    public ulong ProcessTti(in TtiInput input, PageRegion region)
    {
        ArgumentNullException.ThrowIfNull(region);
        var scratch = TtiScratch.Current;
        int n = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, input.Prbs * 12));
        n = Math.Min(n, TtiScratch.Bins);
        ComputeSpectrum(input, n, scratch);

        ulong hash = 14695981039346656037UL ^ (ulong)input.Tti;
        int ues = Math.Min(input.ActiveUes, _options.MaxUes);
        if (ues > 0)
        {
            int prbsPerUe = Math.Max(1, input.Prbs / ues);
            int qm = input.Mcs < 10 ? 2 : input.Mcs < 17 ? 4 : 6;
            // 12 subcarriers x 12 data symbols x Qm bits, one LLR byte each.
            int softLen = Math.Min(Layout.SoftBufferBytes, prbsPerUe * 12 * 12 * qm);
            int iterations = 1 + (input.Mcs / 8 * _options.DecoderScale);
            int harq = (int)(input.Tti % ReferenceStackLayout.HarqProcesses);
            int rotation = (int)(input.Tti / UeRotationTtis);
            for (int k = 0; k < ues; k++)
            {
                int ue = (k + rotation) % _options.MaxUes;
                hash = DecodeUe(input, region, ue, harq, softLen, iterations, n, scratch.Power, hash);
            }
        }

        WriteTrace(input, region, hash, scratch.Record(_traceRecordBytes));
        if (input.Tti % ColdWritePeriod == ColdWritePeriod - 1)
        {
            long coldPages = Layout.ColdBytes / PageRegion.PageSize;
            long offset = Layout.ColdOffset + ((input.Tti / ColdWritePeriod % coldPages) * PageRegion.PageSize);
            var cold = region.Access(offset, 64);
            BinaryPrimitives.WriteUInt64LittleEndian(cold, hash);
            region.MarkDirty(offset, 64);
        }

        var header = region.Access(Layout.HeaderOffset, 64);
        ulong count = BinaryPrimitives.ReadUInt64LittleEndian(header[HeaderTtiCount..]);
        BinaryPrimitives.WriteUInt64LittleEndian(header[HeaderTtiCount..], count + 1);
        BinaryPrimitives.WriteUInt64LittleEndian(header[HeaderLastOutput..], hash);
        region.MarkDirty(Layout.HeaderOffset, 64);
        return hash;
    }

    private static void FillRandom(Span<byte> bytes, ref ulong state)
    {
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(bytes);
        for (int i = 0; i < words.Length; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            words[i] = LoadProfile.Mix(state);
        }
    }

    private static void ComputeSpectrum(in TtiInput input, int n, TtiScratch scratch)
    {
        var re = scratch.Re;
        var im = scratch.Im;
        var power = scratch.Power;
        Array.Clear(power, 0, n);
        uint x = input.Seed | 1u;
        for (int a = 0; a < input.Antennas; a++)
        {
            for (int i = 0; i < n; i++)
            {
                // xorshift32 stands in for the received IQ samples of this antenna.
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                re[i] = (short)x / 32768.0;
                im[i] = (short)(x >> 16) / 32768.0;
            }

            Fft.Forward(re, im, n);
            for (int i = 0; i < n; i++)
            {
                power[i] += (re[i] * re[i]) + (im[i] * im[i]);
            }
        }
    }

    private ulong DecodeUe(in TtiInput input, PageRegion region, int ue, int harq, int softLen, int iterations, int n, double[] power, ulong hash)
    {
        long slot = Layout.HarqOffset + ((((long)ue * ReferenceStackLayout.HarqProcesses) + harq) * Layout.SoftBufferBytes);
        var soft = region.Access(slot, softLen);
        int mask = n - 1;
        for (int it = 0; it < iterations; it++)
        {
            for (int i = 0; i < soft.Length; i++)
            {
                // Soft combining: the new LLR (from the spectrum) adds to the stored one, saturated.
                int llr = ((int)power[(i + (ue * 7) + it) & mask] & 0x3F) - 32;
                int v = Math.Clamp((sbyte)soft[i] + llr, -127, 127);
                soft[i] = (byte)(sbyte)v;
            }
        }

        // Hard decisions of the first 64 LLRs form the UE's "decoded" word; their magnitudes (the
        // decoder's confidence, which depends on the combined history) go into the digest too.
        ulong bits = 0;
        ulong confidence = 0;
        for (int i = 0; i < Math.Min(64, soft.Length); i++)
        {
            bits |= ((sbyte)soft[i] < 0 ? 1UL : 0UL) << i;
            confidence = (confidence * 31) + soft[i];
        }

        bits ^= confidence * 0x9E3779B97F4A7C15UL;

        region.MarkDirty(slot, softLen);
        hash = (hash ^ bits ^ (ulong)ue) * 1099511628211UL;

        long ctxOffset = Layout.UeContextOffset + ((long)ue * ReferenceStackLayout.UeContextBytes);
        var ctx = region.Access(ctxOffset, 32);
        BinaryPrimitives.WriteInt64LittleEndian(ctx, input.Tti);
        BinaryPrimitives.WriteUInt64LittleEndian(ctx[8..], BinaryPrimitives.ReadUInt64LittleEndian(ctx[8..]) + (ulong)softLen);
        BinaryPrimitives.WriteUInt64LittleEndian(ctx[16..], bits);
        BinaryPrimitives.WriteInt32LittleEndian(ctx[24..], input.Mcs);
        region.MarkDirty(ctxOffset, 32);
        return hash;
    }

    private void WriteTrace(in TtiInput input, PageRegion region, ulong hash, byte[] record)
    {
        // Auto-converge skips this share of trace records: the deterministic golden-ratio sequence
        // spreads the skipped TTIs evenly.
        double phase = (input.Tti * 0.6180339887498949) % 1.0;
        if (phase < Throttle)
        {
            return;
        }

        var header = region.Access(Layout.HeaderOffset, 64);
        long cursor = BinaryPrimitives.ReadInt64LittleEndian(header[HeaderTraceCursor..]);
        int len = Math.Min(_traceRecordBytes, Layout.TraceBytes);
        if (cursor + len > Layout.TraceBytes)
        {
            cursor = 0;
        }

        BinaryPrimitives.WriteInt64LittleEndian(record, input.Tti);
        BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(8), hash);
        record.AsSpan(16, len - 16).Fill((byte)input.Mcs);
        region.Write(Layout.TraceOffset + cursor, record.AsSpan(0, len));
        BinaryPrimitives.WriteInt64LittleEndian(header[HeaderTraceCursor..], cursor + len);
    }
}
