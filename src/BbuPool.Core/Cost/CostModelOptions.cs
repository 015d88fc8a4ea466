using System.ComponentModel.DataAnnotations;

namespace BbuPool.Core.Cost;

/// <summary>
/// Coefficients of the processing cost model (docs/cost-model.md says where each comes from).
/// Calibrated so a 20 MHz (100 PRB) 2-antenna LTE cell at full load, MCS 27, on a 3.0 GHz x86
/// core costs 2.2 ms per subframe, inside the 1.7-3 ms OpenAirInterface measurements.
/// </summary>
public sealed class CostModelOptions
{
    /// <summary>Clock of the reference core the coefficients were fitted on.</summary>
    [Range(0.5, 6)]
    public double ReferenceClockGhz { get; set; } = 3.0;

    /// <summary>Fixed per-TTI work per PRB and antenna (OFDM FFT, reference signals, control): 2.5 µs -> 500 µs for 100 PRB x 2.</summary>
    [Range(0, 100)]
    public double FixedMicrosPerPrbAntenna { get; set; } = 2.5;

    /// <summary>Per used PRB and antenna: channel estimation, equalisation, demapping (independent of MCS).</summary>
    [Range(0, 100)]
    public double LinearMicrosPerPrbAntenna { get; set; } = 1.0;

    /// <summary>Per used PRB, antenna, coded bit per RE and decoder iteration: 0.32 µs gives 1.7 ms at MCS 27 for 100 PRB x 2.</summary>
    [Range(0, 10)]
    public double DecoderMicrosPerBitIteration { get; set; } = 0.32;

    /// <summary>Decoder iterations at MCS 28; iterations grow linearly from 1 at MCS 0 (turbo/LDPC early stop).</summary>
    [Range(1, 16)]
    public double MaxDecoderIterations { get; set; } = 4;

    /// <summary>Per-TTI constant of the MAC/scheduler, µs.</summary>
    [Range(0, 1000)]
    public double MacMicrosPerTti { get; set; } = 30;

    /// <summary>Slowdown of AArch64 cores vs x86 at equal clock for SIMD-heavy PHY code (NEON 128-bit vs AVX2 256-bit).</summary>
    [Range(0.5, 4)]
    public double Aarch64Factor { get; set; } = 1.25;

    /// <summary>NR relative to LTE per PRB-antenna: LDPC decodes cheaper per bit than turbo (about 0.5x in FlexRAN/OAI figures).</summary>
    [Range(0.1, 4)]
    public double NrFactor { get; set; } = 0.5;

    /// <summary>GSM: µs per TRX per 4.615 ms frame at full load (8 timeslots of GMSK equalisation).</summary>
    [Range(0, 10_000)]
    public double GsmMicrosPerTrx { get; set; } = 180;

    /// <summary>UMTS: µs per 5 MHz carrier per 2 ms TTI at full load (rake + turbo decode).</summary>
    [Range(0, 100_000)]
    public double UmtsMicrosPerCarrier { get; set; } = 900;

    /// <summary>Fraction of the GSM/UMTS full-load cost paid at zero load (pilots, control channels).</summary>
    [Range(0, 1)]
    public double LegacyFixedFraction { get; set; } = 0.3;

    /// <summary>Fronthaul per PRB and antenna at full load, Mbit/s (O-RAN 7.2x with 9-bit BFP: ~14 Mbit/s).</summary>
    [Range(0, 1000)]
    public double FronthaulMbpsPerPrbAntenna { get; set; } = 14;

    /// <summary>Memory per PRB-antenna of buffers, GiB (sample and soft buffers sized by bandwidth).</summary>
    [Range(0, 1)]
    public double MemoryGiBPerPrbAntenna { get; set; } = 0.004;
}
