namespace BbuPool.StatePlane.Tests;

/// <summary>A clock that moves only when told to (the embedded store reads only GetUtcNow).</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
