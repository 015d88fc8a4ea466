namespace BbuPool.Core.Model;

/// <summary>Radio access technology of a cell.</summary>
public enum Rat
{
    /// <summary>2G GSM: TRX carriers of 200 kHz, TDMA frame 4.615 ms.</summary>
    Gsm,

    /// <summary>3G UMTS/HSPA: 5 MHz carriers, 2 ms TTI.</summary>
    Umts,

    /// <summary>4G LTE: PRBs of 180 kHz, 1 ms subframe.</summary>
    Lte,

    /// <summary>5G NR: PRBs of 12 subcarriers at 15·2^µ kHz, slot 1/2^µ ms.</summary>
    Nr,
}
