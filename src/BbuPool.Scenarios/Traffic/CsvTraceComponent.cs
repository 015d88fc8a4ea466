using BbuPool.Core.Model;

namespace BbuPool.Scenarios.Traffic;

/// <summary>
/// Replays a CSV trace per cell with linear interpolation between rows (held flat before the first and
/// after the last). A cursor per cell makes non-decreasing sampling O(1) per step.
/// </summary>
internal sealed class CsvTraceComponent : TrafficComponent
{
    private readonly CellSet _set;
    private readonly CsvSeries[] _series;
    private readonly int[] _cursor;

    /// <summary>Replays <paramref name="series"/>[i] for cell <c>set.Cells[i]</c>.</summary>
    public CsvTraceComponent(CellSet set, CsvSeries[] series)
    {
        _set = set;
        _series = series;
        _cursor = new int[series.Length];
    }

    /// <inheritdoc/>
    public override void Apply(double timeSeconds, Span<LoadSample> loads)
    {
        for (var i = 0; i < _series.Length; i++)
        {
            var s = _series[i];
            var times = s.Times;
            var k = _cursor[i];
            if (timeSeconds < times[k])
            {
                k = 0;
            }

            while (k + 1 < times.Length && times[k + 1] <= timeSeconds)
            {
                k++;
            }

            _cursor[i] = k;
            int next;
            double f;
            if (k + 1 >= times.Length || timeSeconds <= times[k])
            {
                next = k;
                f = 0;
            }
            else
            {
                next = k + 1;
                f = (timeSeconds - times[k]) / (times[next] - times[k]);
            }

            var u = Lerp(s.Utilisation, k, next, f);
            var derived = _set.Shape.Sample(u, _set.MaxActiveUes[i]);
            loads[_set.Cells[i]] = new LoadSample(
                derived.PrbUtilisation,
                s.Mcs is null ? derived.Mcs : Lerp(s.Mcs, k, next, f),
                s.ActiveUes is null ? derived.ActiveUes : Lerp(s.ActiveUes, k, next, f));
        }
    }

    private static double Lerp(double[] values, int k, int next, double f) => values[k] + ((values[next] - values[k]) * f);
}
