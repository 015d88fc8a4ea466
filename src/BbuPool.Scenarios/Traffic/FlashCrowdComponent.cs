using BbuPool.Core.Model;

namespace BbuPool.Scenarios.Traffic;

/// <summary>
/// Overlay: the cells of a site carry <c>multiplier</c> times their base traffic (utilisation capped at 1,
/// active UEs not capped) during a window, reached and left over linear ramps.
/// </summary>
internal sealed class FlashCrowdComponent : TrafficComponent
{
    private readonly int[] _cells;
    private readonly double _at;
    private readonly double _end;
    private readonly double _ramp;
    private readonly double _multiplier;

    /// <summary>A crowd at the given cells from <paramref name="at"/> for <paramref name="duration"/> seconds.</summary>
    public FlashCrowdComponent(int[] cells, double at, double duration, double multiplier, double ramp)
    {
        _cells = cells;
        _at = at;
        _end = at + duration;
        _ramp = Math.Min(ramp, duration / 2);
        _multiplier = multiplier;
    }

    /// <summary>Multiplier in force at <paramref name="timeSeconds"/> (1 outside the window).</summary>
    public double MultiplierAt(double timeSeconds)
    {
        if (timeSeconds <= _at || timeSeconds >= _end)
        {
            return 1;
        }

        var envelope = _ramp <= 0 ? 1 : Math.Min(1, Math.Min(timeSeconds - _at, _end - timeSeconds) / _ramp);
        return 1 + ((_multiplier - 1) * envelope);
    }

    /// <inheritdoc/>
    public override void Apply(double timeSeconds, Span<LoadSample> loads)
    {
        var m = MultiplierAt(timeSeconds);
        if (m == 1)
        {
            return;
        }

        foreach (var c in _cells)
        {
            var s = loads[c];
            loads[c] = new LoadSample(Math.Min(1, s.PrbUtilisation * m), s.Mcs, s.ActiveUes * m);
        }
    }
}
