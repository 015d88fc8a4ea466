namespace BbuPool.Migration.Stacks;

/// <summary>Tuning of the reference synthetic stack.</summary>
public sealed class ReferenceStackOptions
{
    /// <summary>State size in bytes (default 16 MiB).</summary>
    public long StateBytes { get; set; } = 16L << 20;

    /// <summary>Most UEs with a context (and HARQ buffers); matches <see cref="LoadProfile.MaxUes"/>.</summary>
    public int MaxUes { get; set; } = 32;

    /// <summary>
    /// Decoder passes per MCS step: iterations = 1 + MCS / 8 x this. 1 keeps a 100 % loaded 2-antenna
    /// 20 MHz TTI near 0.2-0.4 ms on this machine, inside a 1 ms TTI with room for other work.
    /// </summary>
    public int DecoderScale { get; set; } = 1;

    /// <summary>Bytes of trace record per TTI (non-real-time; what auto-converge throttles).</summary>
    public int TraceRecordBytes { get; set; } = 8192;

    /// <summary>Share of cold pages holding non-zero data; the rest are zero pages (elided on the wire).</summary>
    public double ColdFill { get; set; } = 0.5;

    /// <summary>Seed of the initial contents.</summary>
    public ulong Seed { get; set; } = 7;
}
