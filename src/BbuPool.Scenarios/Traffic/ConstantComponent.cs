using BbuPool.Core.Model;

namespace BbuPool.Scenarios.Traffic;

/// <summary>Constant utilisation plus optional noise.</summary>
internal sealed class ConstantComponent : TrafficComponent
{
    private readonly CellSet _set;
    private readonly double _utilisation;
    private readonly ValueNoise _noise;

    /// <summary>Holds every cell of <paramref name="set"/> at <paramref name="utilisation"/>.</summary>
    public ConstantComponent(CellSet set, ulong seed, ulong salt, double utilisation)
    {
        _set = set;
        _utilisation = utilisation;
        _noise = new ValueNoise(seed, salt, set.NoisePeriodSeconds, set.Cells);
    }

    /// <inheritdoc/>
    public override void Apply(double timeSeconds, Span<LoadSample> loads)
    {
        var noise = _set.Noise;
        var blend = noise > 0 ? _noise.Advance(timeSeconds) : 0;
        for (var i = 0; i < _set.Cells.Length; i++)
        {
            var u = noise > 0 ? _utilisation + (noise * _noise.Value(i, blend)) : _utilisation;
            _set.Write(loads, i, u);
        }
    }
}
