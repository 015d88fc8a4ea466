using BbuPool.Core.Model;
using BbuPool.Core.Radio;

namespace BbuPool.Core.Cost;

/// <summary>
/// Time per TTI of a cell's PHY+MAC as a function of load, antennas, MCS and the node's arch and
/// clock (formula and sources in docs/cost-model.md). Pure arithmetic, no allocation: the
/// simulator calls it for every cell at every step.
/// </summary>
public sealed class ProcessingCostModel
{
    /// <summary>UEs a MAC scheduler serves per TTI at most (typical LTE/NR PDCCH capacity ~ 16).</summary>
    public const double MaxScheduledUesPerTti = 16;

    /// <summary>Fronthaul share sent even at zero load (reference signals, control, SSB).</summary>
    private const double FronthaulFloor = 0.1;

    private readonly CostModelOptions _options;

    /// <summary>Creates the model with the given coefficients.</summary>
    public ProcessingCostModel(CostModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>The coefficients in use.</summary>
    public CostModelOptions Options => _options;

    /// <summary>Core time per TTI, in µs, on the reference core (x86 at <see cref="CostModelOptions.ReferenceClockGhz"/>).</summary>
    public double ReferenceMicrosPerTti(CellSpec cell, StackProfile stack, in LoadSample load)
    {
        var o = _options;
        var util = Math.Clamp(load.PrbUtilisation, 0, 1);
        double micros;
        switch (cell.Rat)
        {
            case Rat.Gsm:
                micros = cell.Prbs * o.GsmMicrosPerTrx * (o.LegacyFixedFraction + ((1 - o.LegacyFixedFraction) * util));
                break;
            case Rat.Umts:
                micros = cell.Prbs * o.UmtsMicrosPerCarrier * (o.LegacyFixedFraction + ((1 - o.LegacyFixedFraction) * util));
                break;
            default:
                var mcs = Math.Clamp(load.Mcs, 0, LoadSample.MaxMcs);
                // Coded bits per RE grow from QPSK (2) to 64QAM (6) across the MCS table.
                var bitsPerRe = 2 + (4 * mcs / LoadSample.MaxMcs);
                var iterations = 1 + ((o.MaxDecoderIterations - 1) * mcs / LoadSample.MaxMcs);
                var prbAntennas = cell.Prbs * (double)cell.Antennas;
                var perUsedPrbAntenna = o.LinearMicrosPerPrbAntenna + (o.DecoderMicrosPerBitIteration * bitsPerRe * iterations);
                micros = (o.FixedMicrosPerPrbAntenna * prbAntennas) + (util * prbAntennas * perUsedPrbAntenna);
                if (cell.Rat == Rat.Nr)
                {
                    micros *= o.NrFactor;
                }

                break;
        }

        return (micros + o.MacMicrosPerTti) * stack.CostFactor;
    }

    /// <summary>Multiplier from reference-core time to time on a core of <paramref name="arch"/> at <paramref name="clockGhz"/>.</summary>
    public double NodeFactor(CpuArch arch, double clockGhz) =>
        (arch == CpuArch.Arm64 ? _options.Aarch64Factor : 1.0) * (_options.ReferenceClockGhz / clockGhz);

    /// <summary>
    /// Cores a stack needs so that its per-TTI work, inflated by <paramref name="headroom"/>, keeps pace
    /// with the TTI: ceil(w (1 + h) / T). The processing budget (3 TTIs for LTE) is never the binding
    /// limit because it is at least one TTI and work splits across the allotted cores.
    /// </summary>
    public static int CoresFor(double referenceMicrosPerTti, double nodeFactor, double ttiSeconds, double headroom)
    {
        var busy = referenceMicrosPerTti * nodeFactor * (1 + headroom) / (ttiSeconds * 1e6);
        // 1e-9 keeps an exact integer (2.0000000001 from rounding) from costing a whole extra core.
        return Math.Max(1, (int)Math.Ceiling(busy - 1e-9));
    }

    /// <summary>Everything a cell needs at <paramref name="load"/>, sized for a reference node.</summary>
    public CellDemand Demand(CellSpec cell, StackProfile stack, in LoadSample load, double headroom)
    {
        var micros = ReferenceMicrosPerTti(cell, stack, load);
        var tti = RadioTables.TtiSeconds(cell.Rat, cell.Numerology);
        var prbAntennas = cell.Prbs * (double)cell.Antennas;
        var util = Math.Clamp(load.PrbUtilisation, 0, 1);
        var stateBytes = stack.StateBytes(load.ActiveUes);
        var memory = stack.BaseMemoryGiB + (_options.MemoryGiBPerPrbAntenna * prbAntennas) + (stateBytes / (1024.0 * 1024 * 1024));
        var nic = _options.FronthaulMbpsPerPrbAntenna * prbAntennas * (FronthaulFloor + ((1 - FronthaulFloor) * util)) / 1000;
        var scheduled = Math.Min(load.ActiveUes, util * MaxScheduledUesPerTti);
        return new CellDemand(
            micros,
            CoresFor(micros, 1.0, tti, headroom),
            CoresFor(micros, 1.0, tti, 0),
            memory,
            nic,
            stateBytes,
            stack.DirtyBytesPerSecond(scheduled, tti));
    }
}
