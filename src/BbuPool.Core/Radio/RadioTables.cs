using BbuPool.Core.Model;

namespace BbuPool.Core.Radio;

/// <summary>3GPP facts the model needs: resource units per bandwidth, TTI lengths, processing budgets.</summary>
public static class RadioTables
{
    /// <summary>GSM TDMA frame: 8 timeslots of 577 µs = 4.615 ms (3GPP TS 45.002).</summary>
    public const double GsmFrameSeconds = 4.615e-3;

    /// <summary>HSPA TTI (3GPP TS 25.211); Rel-99 channels use 10 ms, HSPA dominates processing.</summary>
    public const double UmtsTtiSeconds = 2e-3;

    /// <summary>LTE subframe (3GPP TS 36.211).</summary>
    public const double LteTtiSeconds = 1e-3;

    /// <summary>GSM carrier spacing: one TRX per 200 kHz.</summary>
    public const double GsmCarrierMhz = 0.2;

    /// <summary>UMTS carrier spacing.</summary>
    public const double UmtsCarrierMhz = 5.0;

    /// <summary>Length of one TTI/slot for a RAT (NR: 1 ms / 2^µ).</summary>
    public static double TtiSeconds(Rat rat, int numerology) => rat switch
    {
        Rat.Gsm => GsmFrameSeconds,
        Rat.Umts => UmtsTtiSeconds,
        Rat.Lte => LteTtiSeconds,
        Rat.Nr => 1e-3 / (1 << numerology),
        _ => throw new ArgumentOutOfRangeException(nameof(rat)),
    };

    /// <summary>
    /// Time the PHY may take for one TTI's work, in TTIs. LTE HARQ answers at n+4: about 3 ms for
    /// decode + answer once transport is paid (DESIGN.md); NR K1 timing gives about 2 slots;
    /// GSM/UMTS must keep pace with each TTI.
    /// </summary>
    public static double ProcessingBudgetTtis(Rat rat) => rat switch
    {
        Rat.Lte => 3.0,
        Rat.Nr => 2.0,
        _ => 1.0,
    };

    /// <summary>One-way fronthaul latency budget in µs (eCPRI/O-RAN 7.2: ~100 µs; CPRI LTE ~ 250 µs incl. switching).</summary>
    public static double FronthaulBudgetMicros(Rat rat) => rat switch
    {
        Rat.Nr => 100,
        Rat.Lte => 250,
        _ => 400,
    };

    /// <summary>True when <paramref name="numerology"/> is valid for <paramref name="rat"/>.</summary>
    public static bool IsValidNumerology(Rat rat, int numerology) =>
        rat == Rat.Nr ? numerology is >= 0 and <= 3 : numerology == 0;

    /// <summary>
    /// Resource units for a channel: LTE PRBs (TS 36.101 table 5.6-1), NR PRBs (TS 38.101-1/-2 maximum
    /// transmission bandwidth configuration), GSM TRX (one per 200 kHz), UMTS 5 MHz carriers.
    /// Returns 0 when the bandwidth is not defined for the RAT/numerology.
    /// </summary>
    public static int ResourceUnits(Rat rat, double bandwidthMhz, int numerology)
    {
        switch (rat)
        {
            case Rat.Gsm:
                return Math.Max(0, (int)Math.Round(bandwidthMhz / GsmCarrierMhz));
            case Rat.Umts:
                return bandwidthMhz % UmtsCarrierMhz == 0 ? (int)(bandwidthMhz / UmtsCarrierMhz) : 0;
            case Rat.Lte:
                return bandwidthMhz switch
                {
                    1.4 => 6,
                    3 => 15,
                    5 => 25,
                    10 => 50,
                    15 => 75,
                    20 => 100,
                    _ => 0,
                };
            case Rat.Nr:
                return NrPrbs(bandwidthMhz, numerology);
            default:
                return 0;
        }
    }

    private static int NrPrbs(double mhz, int mu) => (mu, mhz) switch
    {
        (0, 5) => 25,
        (0, 10) => 52,
        (0, 15) => 79,
        (0, 20) => 106,
        (0, 25) => 133,
        (0, 30) => 160,
        (0, 40) => 216,
        (0, 50) => 270,
        (1, 10) => 24,
        (1, 20) => 51,
        (1, 30) => 78,
        (1, 40) => 106,
        (1, 50) => 133,
        (1, 60) => 162,
        (1, 80) => 217,
        (1, 100) => 273,
        (2, 20) => 24,
        (2, 40) => 51,
        (2, 60) => 79,
        (2, 100) => 135,
        (3, 50) => 32,
        (3, 100) => 66,
        (3, 200) => 132,
        (3, 400) => 264,
        _ => 0,
    };
}
