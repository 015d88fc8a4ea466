using BbuPool.Core.Model;

namespace BbuPool.Scenarios.Traffic;

/// <summary>Utilisation moving linearly from one level to another between two times (held outside them).</summary>
internal sealed class RampComponent : TrafficComponent
{
    private readonly CellSet _set;
    private readonly double _from;
    private readonly double _to;
    private readonly double _start;
    private readonly double _end;
    private readonly ValueNoise _noise;

    /// <summary>Ramp from <paramref name="from"/> at <paramref name="start"/> to <paramref name="to"/> at <paramref name="end"/>.</summary>
    public RampComponent(CellSet set, ulong seed, ulong salt, double from, double to, double start, double end)
    {
        _set = set;
        _from = from;
        _to = to;
        _start = start;
        _end = end;
        _noise = new ValueNoise(seed, salt, set.NoisePeriodSeconds, set.Cells);
    }

    /// <inheritdoc/>
    public override void Apply(double timeSeconds, Span<LoadSample> loads)
    {
        var f = timeSeconds <= _start ? 0 : timeSeconds >= _end ? 1 : (timeSeconds - _start) / (_end - _start);
        var level = _from + ((_to - _from) * f);
        var noise = _set.Noise;
        var blend = noise > 0 ? _noise.Advance(timeSeconds) : 0;
        for (var i = 0; i < _set.Cells.Length; i++)
        {
            var u = noise > 0 ? level + (noise * _noise.Value(i, blend)) : level;
            _set.Write(loads, i, u);
        }
    }
}
