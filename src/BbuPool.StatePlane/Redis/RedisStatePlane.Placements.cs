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
        return ParseCommit(await Guard(StartCommit(plan, reloadOnNoScript: true), cancellationToken));
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<CommitResult>> CommitPlansAsync(IReadOnlyList<PlacementPlan> plans, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plans);
        // Every EVALSHA is written before any reply is awaited: the multiplexer pipelines them on
        // one socket, and Redis runs them in order, so plan i+1 sees plan i's versions.
        var tasks = new Task<RedisResult>[plans.Count];
        for (var i = 0; i < plans.Count; i++)
        {
            tasks[i] = StartCommit(plans[i], reloadOnNoScript: false);
        }

        try
        {
            await Guard(Task.WhenAll(tasks), cancellationToken, plans.Count);
        }
        catch (RedisServerException e) when (RedisScript.IsNoScript(e))
        {
            // The server lost its script cache (restart, SCRIPT FLUSH): those plans did not run.
            // Load once, then send them again in their original order, pipelined as before.
            await Guard(_db.ExecuteAsync("SCRIPT", "LOAD", LuaScripts.Commit.Text), cancellationToken);
            for (var i = 0; i < plans.Count; i++)
            {
                if (tasks[i].IsFaulted && RedisScript.IsNoScript(tasks[i].Exception!.InnerException!))
                {
                    tasks[i] = StartCommit(plans[i], reloadOnNoScript: false);
                }
            }

            await Guard(Task.WhenAll(tasks), cancellationToken, plans.Count);
        }

        var results = new CommitResult[plans.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            results[i] = ParseCommit(tasks[i].Result);
        }

        return results;
    }

    private Task<RedisResult> StartCommit(PlacementPlan plan, bool reloadOnNoScript)
    {
        PlanValidation.Validate(plan);
        var args = new RedisValue[5 + (plan.Moves.Count * 3)];
        args[0] = plan.PlanId;
        args[1] = plan.FencingToken.ToString(CultureInfo.InvariantCulture);
        args[2] = ((long)_options.PlanMemory.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        args[3] = _options.EmitPlanEvents ? _maxLen : (RedisValue)"0";
        args[4] = _options.EmitPlanEvents ? PlanValidation.Describe(plan) : string.Empty;
        for (var i = 0; i < plan.Moves.Count; i++)
        {
            var m = plan.Moves[i];
            var b = 5 + (i * 3);
            args[b] = m.CellId;
            args[b + 1] = m.ExpectedVersion.ToString(CultureInfo.InvariantCulture);
            args[b + 2] = m.IsRemoval ? (RedisValue)string.Empty : StateCodec.Encode(m.CellId, m.NodeId!, m.Cores, m.ExpectedVersion + 1);
        }

        RedisKey[] keys = [_keys.PlacementVersions, _keys.PlacementValues, _keys.Plan(plan.PlanId), _keys.Lease, _keys.Events];
        return reloadOnNoScript ? EvalAsync(LuaScripts.Commit, keys, args) : _db.ScriptEvaluateAsync(LuaScripts.Commit.Hash, keys, args);
    }

    private static CommitResult ParseCommit(RedisResult result)
    {
        var parts = (RedisResult[])result!;
        var status = (long)parts[0];
        return status switch
        {
            0 => CommitResult.Ok(ParseVersions((string)parts[1]!)),
            1 => CommitResult.Repeat(ParseVersions((string)parts[1]!)),
            2 => CommitResult.Conflict((string)parts[1]!, long.Parse((string)parts[2]!, CultureInfo.InvariantCulture)),
            _ => CommitResult.FencedOff(long.Parse((string)parts[1]!, CultureInfo.InvariantCulture)),
        };
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
