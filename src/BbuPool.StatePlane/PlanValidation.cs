using System.Text;

namespace BbuPool.StatePlane;

/// <summary>Argument checks and the event text for a plan, shared by both implementations.</summary>
internal static class PlanValidation
{
    public static void Validate(PlacementPlan plan)
    {
        if (string.IsNullOrEmpty(plan.PlanId))
        {
            throw new ArgumentException("A plan needs an id (it makes retries idempotent).", nameof(plan));
        }

        if (plan.Moves.Count == 0)
        {
            throw new ArgumentException("A plan needs at least one move.", nameof(plan));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var move in plan.Moves)
        {
            if (!seen.Add(move.CellId))
            {
                throw new ArgumentException($"Cell {move.CellId} appears twice in plan {plan.PlanId}.", nameof(plan));
            }

            if (move.ExpectedVersion < 0)
            {
                throw new ArgumentException($"Cell {move.CellId}: expected version must be >= 0.", nameof(plan));
            }
        }
    }

    /// <summary>"c1->n2 c3->- ..." capped at 8 moves so one event stays small (~100 B).</summary>
    public static string Describe(PlacementPlan plan)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < plan.Moves.Count && i < 8; i++)
        {
            var m = plan.Moves[i];
            sb.Append(i == 0 ? string.Empty : " ").Append(m.CellId).Append("->").Append(m.NodeId ?? "-");
        }

        if (plan.Moves.Count > 8)
        {
            sb.Append(" +").Append(plan.Moves.Count - 8);
        }

        return sb.ToString();
    }
}
