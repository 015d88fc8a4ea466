using BbuPool.Core.Model;

namespace BbuPool.Scenarios.Traffic;

/// <summary>
/// Tidal day: utilisation = base + amplitude · shape(time of day + phase) + noise, where shape is 1 in
/// the peak hours, 0 far from them, with raised-cosine ramps (docs/scenarios.md). The shape is tabulated
/// per minute once; each cell gets its own phase, base and amplitude drawn from the seed.
/// </summary>
internal sealed class TidalComponent : TrafficComponent
{
    /// <summary>Seconds in a day; the profile repeats daily.</summary>
    public const double DaySeconds = 86_400;

    /// <summary>Table resolution: one point per minute (1,441 doubles, 11.5 KB, stays in L1/L2).</summary>
    private const double TableStepSeconds = 60;

    /// <summary>Table points per day.</summary>
    private const double TablePoints = DaySeconds / TableStepSeconds;

    private readonly CellSet _set;
    private readonly double[] _table;
    private readonly double[] _phase; // in table steps, [0, TablePoints)
    private readonly double[] _base;
    private readonly double[] _amplitude;
    private readonly ValueNoise _noise;

    /// <summary>Builds the component; per-cell draws use <paramref name="seed"/>.</summary>
    public TidalComponent(CellSet set, ulong seed, ulong salt, double peakStartHour, double peakEndHour, double rampHours,
        double baseUtilisation, double amplitude, double jitterMinutes, double amplitudeSpread)
    {
        _set = set;
        _table = BuildTable(peakStartHour, peakEndHour, rampHours);
        var n = set.Cells.Length;
        _phase = new double[n];
        _base = new double[n];
        _amplitude = new double[n];
        for (var i = 0; i < n; i++)
        {
            var cell = set.Cells[i];
            // Shift each cell's day by up to ±jitter so cells do not peak in lock-step, kept in [0, day).
            var shift = NoiseHash.Signed(seed, salt, cell, -1) * jitterMinutes * 60;
            _phase[i] = (((shift % DaySeconds) + DaySeconds) % DaySeconds) / TableStepSeconds;
            var scale = 1 + (NoiseHash.Signed(seed, salt, cell, -2) * amplitudeSpread);
            _amplitude[i] = amplitude * scale;
            _base[i] = baseUtilisation * scale;
        }

        _noise = new ValueNoise(seed, salt, set.NoisePeriodSeconds, set.Cells);
    }

    /// <inheritdoc/>
    public override void Apply(double timeSeconds, Span<LoadSample> loads)
    {
        var table = _table;
        var noise = _set.Noise;
        var blend = noise > 0 ? _noise.Advance(timeSeconds) : 0;
        // Time of day once per step; each cell's phase is in [0, day), so one subtraction wraps it.
        var timeOfDay = (timeSeconds - (Math.Floor(timeSeconds / DaySeconds) * DaySeconds)) / TableStepSeconds;
        var phase = _phase;
        var baseU = _base;
        var amplitude = _amplitude;
        var cells = _set.Cells;
        var maxUes = _set.MaxActiveUes;
        var shape = _set.Shape;
        for (var i = 0; i < phase.Length; i++)
        {
            var x = timeOfDay + phase[i];
            if (x >= TablePoints)
            {
                x -= TablePoints;
            }

            var k = (int)x;
            var a = table[k];
            var u = baseU[i] + (amplitude[i] * (a + ((table[k + 1] - a) * (x - k))));
            if (noise > 0)
            {
                u += noise * _noise.Value(i, blend);
            }

            loads[cells[i]] = shape.Sample(u, maxUes[i]);
        }
    }

    /// <summary>Shape at <paramref name="hour"/>: 1 inside [start, end] (wrapping midnight), raised-cosine ramps of <paramref name="rampHours"/> outside.</summary>
    public static double Shape(double hour, double start, double end, double rampHours)
    {
        var length = Wrap(end - start);
        var d = Wrap(hour - start);
        if (d <= length)
        {
            return 1;
        }

        var distance = Math.Min(d - length, 24 - d);
        return distance >= rampHours ? 0 : 0.5 * (1 + Math.Cos(Math.PI * distance / rampHours));
    }

    private static double Wrap(double hours) => ((hours % 24) + 24) % 24;

    private static double[] BuildTable(double start, double end, double ramp)
    {
        var points = (int)(DaySeconds / TableStepSeconds);
        var table = new double[points + 2];
        for (var k = 0; k < table.Length; k++)
        {
            table[k] = Shape(k * TableStepSeconds / 3600, start, end, ramp);
        }

        return table;
    }
}
