namespace BbuPool.StatePlane;

/// <summary>The controller leader lease. The fencing token grows with every acquisition, so a stale leader's commits can be told apart.</summary>
/// <param name="Holder">Who holds it (controller id).</param>
/// <param name="FencingToken">Strictly increasing across acquisitions; passed in <see cref="PlacementPlan.FencingToken"/>.</param>
/// <param name="Remaining">Time left when this value was produced.</param>
public sealed record LeaderLease(string Holder, long FencingToken, TimeSpan Remaining);
