namespace BbuPool.StatePlane;

/// <summary>
/// A migration plan: many moves committed all together or not at all. The plan id makes a commit
/// idempotent: a retry of an already committed plan reports <see cref="CommitOutcome.AlreadyCommitted"/>
/// and changes nothing.
/// </summary>
/// <param name="PlanId">Unique per plan; the retry of the same plan must reuse it.</param>
/// <param name="Moves">The moves; a cell appears at most once.</param>
/// <param name="FencingToken">
/// The committing controller's lease token. 0 commits unfenced, which the state plane accepts only
/// while no controller holds the lease (single-writer use such as the simulator).
/// </param>
public sealed record PlacementPlan(string PlanId, IReadOnlyList<PlacementMove> Moves, long FencingToken = 0);
