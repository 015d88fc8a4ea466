using System.Globalization;
using StackExchange.Redis;

namespace BbuPool.StatePlane.Redis;

/// <summary>Migration records, load samples and the event stream.</summary>
public sealed partial class RedisStatePlane
{
    /// <inheritdoc />
    public async ValueTask<bool> RecordMigrationAsync(MigrationEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var ok = (long)await Guard(EvalAsync(
            LuaScripts.Migration,
            [_keys.MigrationPhases, _keys.Migrations, _keys.Events],
            [entry.MigrationId, (int)entry.Phase, StateCodec.Encode(entry), _maxLen, $"{entry.CellId} {entry.SourceNodeId}->{entry.TargetNodeId} {entry.Phase}"]), cancellationToken);
        return ok == 1;
    }

    /// <inheritdoc />
    public async ValueTask<MigrationEntry?> GetMigrationAsync(string migrationId, CancellationToken cancellationToken = default)
    {
        var value = await Guard(_db.HashGetAsync(_keys.Migrations, migrationId), cancellationToken);
        return value.IsNull ? null : StateCodec.DecodeMigration((byte[])value!);
    }

    /// <inheritdoc />
    public async ValueTask AppendLoadSamplesAsync(IReadOnlyList<CellLoadSample> samples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var tasks = new Task[samples.Count * 2];
        for (var i = 0; i < samples.Count; i++)
        {
            var key = _keys.Load(samples[i].CellId);
            tasks[2 * i] = _db.ListLeftPushAsync(key, StateCodec.Encode(samples[i]));
            tasks[(2 * i) + 1] = _db.ListTrimAsync(key, 0, _options.LoadWindow - 1);
        }

        await Guard(Task.WhenAll(tasks), cancellationToken, tasks.Length);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<CellLoadSample>> GetLoadSamplesAsync(string cellId, int max, CancellationToken cancellationToken = default)
    {
        if (max <= 0)
        {
            return [];
        }

        var values = await Guard(_db.ListRangeAsync(_keys.Load(cellId), 0, max - 1), cancellationToken);
        return [.. values.Select(v => StateCodec.DecodeLoad((byte[])v!))];
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<StateEvent>> ReadEventsAsync(string? afterId, int max, CancellationToken cancellationToken = default)
    {
        if (max <= 0)
        {
            return [];
        }

        // "(" makes the start exclusive (Redis >= 6.2), so a reader passes back the last id it saw.
        var start = afterId is null ? "-" : "(" + afterId;
        return ParseEvents(await Guard(_db.ExecuteAsync("XRANGE", _keys.Events, start, "+", "COUNT", max), cancellationToken));
    }

    private static List<StateEvent> ParseEvents(RedisResult result)
    {
        var list = new List<StateEvent>();
        if (result.IsNull)
        {
            return list;
        }

        foreach (var entry in (RedisResult[])result!)
        {
            var parts = (RedisResult[])entry!;
            var fields = (RedisResult[])parts[1]!;
            var kind = StateEventKind.PlanCommitted;
            string subject = string.Empty, detail = string.Empty;
            for (var i = 0; i + 1 < fields.Length; i += 2)
            {
                var value = (string)fields[i + 1]!;
                switch ((string)fields[i]!)
                {
                    case "k":
                        kind = (StateEventKind)int.Parse(value, CultureInfo.InvariantCulture);
                        break;
                    case "s":
                        subject = value;
                        break;
                    case "d":
                        detail = value;
                        break;
                    default:
                        break;
                }
            }

            list.Add(new StateEvent((string)parts[0]!, kind, subject, detail));
        }

        return list;
    }
}
