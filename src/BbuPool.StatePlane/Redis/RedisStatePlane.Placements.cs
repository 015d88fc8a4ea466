using System.Globalization;
using StackExchange.Redis;

namespace BbuPool.StatePlane.Redis;

/// <summary>Placements and plan commits.</summary>
public sealed partial class RedisStatePlane
{
    /// <inheritdoc />
    public async ValueTask<Placement?> GetPlacementAsync(string cellId, CancellationToken cancellationToken = default)
    {
        var value = await Guard(_db.HashGetAsync(_keys.PlacementValues, cellId), cancellationToken);
        return value.IsNull ? null : StateCodec.DecodePlacement((byte[])value!);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<Placement>> GetPlacementsAsync(CancellationToken cancellationToken = default) =>
        DecodePlacements(await Guard(_db.HashGetAllAsync(_keys.PlacementValues), cancellationToken));

    private static List<Placement> DecodePlacements(HashEntry[] entries) =>
        [.. entries.Select(e => StateCodec.DecodePlacement((byte[])e.Value!)).OrderBy(p => p.CellId, StringComparer.Ordinal)];

    /// <inheritdoc />
    public async ValueTask<CommitResult> CommitPlanAsync(PlacementPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        PlanValidation.Validate(plan);
        var plans = new[] { plan };
        var (keys, args) = CommitArguments(plans, 0, 1);
        var results = new CommitResult[1];
        ParseCommits(await Guard(EvalAsync(LuaScripts.Commit, keys, args), cancellationToken), plans, 0, results);
        return results[0];
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<CommitResult>> CommitPlansAsync(IReadOnlyList<PlacementPlan> plans, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plans);
        foreach (var plan in plans)
        {
            ArgumentNullException.ThrowIfNull(plan, nameof(plans));
            PlanValidation.Validate(plan);
        }

        // Plans go to the server in runs of up to PlansPerCall (one EVALSHA each, so the per-call
        // cost of the script is paid once per run, not once per plan), and every run is written
        // before any reply is awaited: the multiplexer pipelines them on one socket and Redis runs
        // them in order, so plan i+1 sees plan i's versions, within a run and across runs.
        var starts = new List<int>((plans.Count / PlansPerCall) + 1);
        for (var i = 0; i < plans.Count; i = NextRun(plans, i))
        {
            starts.Add(i);
        }

        var tasks = new Task<RedisResult>[starts.Count];
        for (var r = 0; r < starts.Count; r++)
        {
            tasks[r] = StartCommits(plans, starts[r], RunEnd(starts, r, plans.Count));
        }

        try
        {
            await Guard(Task.WhenAll(tasks), cancellationToken, plans.Count);
        }
        catch (RedisServerException e) when (RedisScript.IsNoScript(e))
        {
            // The server lost its script cache (restart, SCRIPT FLUSH): those runs did not run.
            // Load once, then send them again in their original order, pipelined as before.
            await Guard(_db.ExecuteAsync("SCRIPT", "LOAD", LuaScripts.Commit.Text), cancellationToken);
            for (var r = 0; r < tasks.Length; r++)
            {
                if (tasks[r].IsFaulted && RedisScript.IsNoScript(tasks[r].Exception!.InnerException!))
                {
                    tasks[r] = StartCommits(plans, starts[r], RunEnd(starts, r, plans.Count));
                }
            }

            await Guard(Task.WhenAll(tasks), cancellationToken, plans.Count);
        }

        var results = new CommitResult[plans.Count];
        for (var r = 0; r < tasks.Length; r++)
        {
            ParseCommits(tasks[r].Result, plans, starts[r], results);
        }

        return results;
    }

    // 64 plans or 512 moves per script call: past ~32 plans the per-call cost is already under a
    // tenth of the per-plan work, and a call of 512 moves keeps the server busy for well under a
    // millisecond (~1.5 us per move), so other clients' heartbeats and reads are not held up.
    private const int PlansPerCall = 64;
    private const int MovesPerCall = 512;

    private static int NextRun(IReadOnlyList<PlacementPlan> plans, int start)
    {
        var end = start + 1; // a plan larger than MovesPerCall goes alone
        var moves = plans[start].Moves.Count;
        while (end < plans.Count && end - start < PlansPerCall && moves + plans[end].Moves.Count <= MovesPerCall)
        {
            moves += plans[end].Moves.Count;
            end++;
        }

        return end;
    }

    private static int RunEnd(List<int> starts, int r, int count) => r + 1 < starts.Count ? starts[r + 1] : count;

    private Task<RedisResult> StartCommits(IReadOnlyList<PlacementPlan> plans, int start, int end)
    {
        var (keys, args) = CommitArguments(plans, start, end);
        return _db.ScriptEvaluateAsync(LuaScripts.Commit.Hash, keys, args);
    }

    /// <summary>KEYS and ARGV of <see cref="LuaScripts.Commit"/> for plans[start..end).</summary>
    private (RedisKey[] Keys, RedisValue[] Args) CommitArguments(IReadOnlyList<PlacementPlan> plans, int start, int end)
    {
        var keys = new RedisKey[4];
        keys[0] = _keys.PlacementVersions;
        keys[1] = _keys.PlacementValues;
        keys[2] = _keys.Lease;
        keys[3] = _keys.Events;
        var argc = 3;
        for (var i = start; i < end; i++)
        {
            argc += 5 + (plans[i].Moves.Count * 3);
        }

        var args = new RedisValue[argc];
        args[0] = _planMemoryMs;
        args[1] = _options.EmitPlanEvents ? _maxLen : Zero;
        args[2] = _planIdsPrefix;
        var a = 3;
        for (var i = start; i < end; i++)
        {
            var plan = plans[i];
            args[a++] = plan.PlanId;
            args[a++] = plan.FencingToken;
            args[a++] = NewVersions(plan);
            args[a++] = _options.EmitPlanEvents ? PlanValidation.Describe(plan) : RedisValue.EmptyString;
            args[a++] = plan.Moves.Count;
            for (var m = 0; m < plan.Moves.Count; m++)
            {
                var move = plan.Moves[m];
                args[a++] = move.CellId;
                args[a++] = move.ExpectedVersion;
                args[a++] = move.IsRemoval ? RedisValue.EmptyString : StateCodec.Encode(move.CellId, move.NodeId!, move.Cores, move.ExpectedVersion + 1);
            }
        }

        return (keys, args);
    }

    private static readonly RedisValue Zero = 0;

    /// <summary>"v1,v2,...": each move's expected version + 1, what the plan-id key records.</summary>
    private static string NewVersions(PlacementPlan plan)
    {
        if (plan.Moves.Count == 1)
        {
            return (plan.Moves[0].ExpectedVersion + 1).ToString(CultureInfo.InvariantCulture);
        }

        var sb = new System.Text.StringBuilder(plan.Moves.Count * 4);
        for (var m = 0; m < plan.Moves.Count; m++)
        {
            sb.Append(m == 0 ? string.Empty : ",").Append(plan.Moves[m].ExpectedVersion + 1);
        }

        return sb.ToString();
    }

    /// <summary>Reads the script's answer for plans[start..] into results.</summary>
    private static void ParseCommits(RedisResult result, IReadOnlyList<PlacementPlan> plans, int start, CommitResult[] results)
    {
        var parts = (RedisResult[])result!;
        var i = 0;
        for (var p = start; i < parts.Length; p++)
        {
            var plan = plans[p];
            switch ((long)parts[i++])
            {
                case 0:
                    var versions = new long[plan.Moves.Count];
                    for (var m = 0; m < versions.Length; m++)
                    {
                        versions[m] = plan.Moves[m].ExpectedVersion + 1;
                    }

                    results[p] = CommitResult.Ok(versions);
                    break;
                case 1:
                    results[p] = CommitResult.Repeat(ParseVersions((string)parts[i++]!));
                    break;
                case 2:
                    results[p] = CommitResult.Conflict((string)parts[i++]!, long.Parse((string)parts[i++]!, CultureInfo.InvariantCulture));
                    break;
                default:
                    results[p] = CommitResult.FencedOff(long.Parse((string)parts[i++]!, CultureInfo.InvariantCulture));
                    break;
            }
        }
    }

    private static long[] ParseVersions(string csv)
    {
        var parts = csv.Split(',');
        var versions = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            versions[i] = long.Parse(parts[i], CultureInfo.InvariantCulture);
        }

        return versions;
    }
}
