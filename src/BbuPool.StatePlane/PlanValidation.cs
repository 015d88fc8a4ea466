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

        // Plans are mostly a handful of moves: a quadratic scan beats a HashSet up to ~16 (no allocation).
        HashSet<string>? seen = plan.Moves.Count > 16 ? new HashSet<string>(StringComparer.Ordinal) : null;
        for (var i = 0; i < plan.Moves.Count; i++)
        {
            var move = plan.Moves[i];
            var duplicate = seen is not null ? !seen.Add(move.CellId) : IndexOf(plan.Moves, move.CellId, i) >= 0;
            if (duplicate)
            {
                throw new ArgumentException($"Cell {move.CellId} appears twice in plan {plan.PlanId}.", nameof(plan));
            }

            if (move.ExpectedVersion < 0)
            {
                throw new ArgumentException($"Cell {move.CellId}: expected version must be >= 0.", nameof(plan));
            }
        }
    }

    private static int IndexOf(IReadOnlyList<PlacementMove> moves, string cellId, int before)
    {
        for (var j = 0; j < before; j++)
        {
            if (string.Equals(moves[j].CellId, cellId, StringComparison.Ordinal))
            {
                return j;
            }
        }

        return -1;
    }

    /// <summary>"c1->n2 c3->- ..." capped at 8 moves so one event stays small (~100 B).</summary>
    public static string Describe(PlacementPlan plan)
    {
        if (plan.Moves.Count == 1)
        {
            return plan.Moves[0].CellId + "->" + (plan.Moves[0].NodeId ?? "-");
        }

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
