namespace BbuPool.Migration.Hosting;

/// <summary>The point where a paused stack stopped: after <paramref name="LastTti"/>, at <paramref name="Timestamp"/>.</summary>
/// <param name="LastTti">Last TTI completed (-1 when none ran).</param>
/// <param name="NextTti">The TTI the stack runs next, wherever it resumes.</param>
/// <param name="Timestamp">When the last TTI completed (TimeProvider timestamp).</param>
public readonly record struct TtiBoundary(long LastTti, long NextTti, long Timestamp);
