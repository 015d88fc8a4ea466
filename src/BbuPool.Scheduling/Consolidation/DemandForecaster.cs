namespace BbuPool.Scheduling.Consolidation;

/// <summary>
/// Forecasts the pool's demand (reference cores) a lead time ahead from the recent trend (least
/// squares over the last <see cref="TrendSamples"/> samples) and, once a full day has been seen, the
/// day profile (demand at the same time of day, in 15-minute bins). Waking uses the higher of the
/// two, so nodes are booted before the peak arrives.
/// </summary>
public sealed class DemandForecaster
{
    /// <summary>Samples in the trend fit: 8 rebalance periods (40 min at 5 min) follow a tide without chasing noise.</summary>
    public const int TrendSamples = 8;

    /// <summary>Day-profile resolution: 96 bins of 15 minutes.</summary>
    public const int ProfileBins = 96;

    private const double DaySeconds = 86_400;

    private readonly double[] _t = new double[TrendSamples];
    private readonly double[] _d = new double[TrendSamples];
    private readonly double[] _profile = new double[ProfileBins];
    private readonly bool[] _seen = new bool[ProfileBins];
    private int _count;
    private int _next;
    private double _first = double.NaN;

    /// <summary>Records the demand at <paramref name="now"/>.</summary>
    public void Observe(double now, double demand)
    {
        if (double.IsNaN(_first))
        {
            _first = now;
        }

        if (_count > 0 && now <= _t[(_next + TrendSamples - 1) % TrendSamples] + 1e-9)
        {
            return;
        }

        _t[_next] = now;
        _d[_next] = demand;
        _next = (_next + 1) % TrendSamples;
        _count = Math.Min(_count + 1, TrendSamples);
        var bin = Bin(now);
        // EWMA across days with weight 0.5: the profile follows weekday changes within two days.
        _profile[bin] = _seen[bin] ? (0.5 * _profile[bin]) + (0.5 * demand) : demand;
        _seen[bin] = true;
    }

    /// <summary>Least-squares slope of recent demand, cores per second (0 with fewer than 3 samples).</summary>
    public double Slope()
    {
        if (_count < 3)
        {
            return 0;
        }

        double mt = 0, md = 0;
        for (var i = 0; i < _count; i++)
        {
            mt += _t[i];
            md += _d[i];
        }

        mt /= _count;
        md /= _count;
        double num = 0, den = 0;
        for (var i = 0; i < _count; i++)
        {
            num += (_t[i] - mt) * (_d[i] - md);
            den += (_t[i] - mt) * (_t[i] - mt);
        }

        return den > 0 ? num / den : 0;
    }

    /// <summary>Slope between the last two samples, cores per second (0 with fewer than 2): one rebalance period, quicker than the trend to see a tide turn.</summary>
    public double RecentSlope()
    {
        if (_count < 2)
        {
            return 0;
        }

        var last = (_next + TrendSamples - 1) % TrendSamples;
        var before = (_next + TrendSamples - 2) % TrendSamples;
        var dt = _t[last] - _t[before];
        return dt > 0 ? (_d[last] - _d[before]) / dt : 0;
    }

    /// <summary>Demand expected <paramref name="lead"/> seconds after <paramref name="now"/>, never below <paramref name="current"/>.</summary>
    public double Forecast(double now, double lead, double current)
    {
        var forecast = current + (Math.Max(0, Slope()) * lead);
        var bin = Bin(now + lead);
        if (!double.IsNaN(_first) && now - _first >= DaySeconds && _seen[bin])
        {
            forecast = Math.Max(forecast, _profile[bin]);
        }

        return Math.Max(current, forecast);
    }

    private static int Bin(double t) => (int)(((t % DaySeconds) + DaySeconds) % DaySeconds / (DaySeconds / ProfileBins)) % ProfileBins;
}
