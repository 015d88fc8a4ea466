namespace BbuPool.Migration.Benchmarking;

/// <summary>
/// Missed TTIs per second of wall time: the one scale on which a cell's migrations, the stretches
/// between them and the control (a lone stack, no migration) can be read against each other.
/// </summary>
public static class MissRate
{
    /// <summary><paramref name="missed"/> over <paramref name="milliseconds"/>, per second (NaN when no time was measured).</summary>
    public static double PerSecond(long missed, double milliseconds) =>
        milliseconds > 0 ? missed * 1000.0 / milliseconds : double.NaN;
}
