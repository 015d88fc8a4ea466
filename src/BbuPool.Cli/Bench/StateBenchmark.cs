using System.Globalization;
using System.Text.Json;
using BbuPool.StatePlane.Benchmarking;
using BbuPool.Testing.StatePlane;
using Spectre.Console;

namespace BbuPool.Cli.Bench;

/// <summary>
/// `bbupool bench state`: pipelined placement commits and compare-and-set latency of the Redis
/// state plane, next to plain SETs of the same value size on the same server in the same run.
/// </summary>
internal sealed class StateBenchmark : IBenchmark
{
    // Targets from issue 7 for a local Redis.
    private const double TargetUpdatesPerSecond = 100_000;
    private const double TargetCasP99Microseconds = 100;

    /// <inheritdoc />
    public string Name => "state";

    /// <inheritdoc />
    public string Description => "Redis state plane: pipelined placement updates/s and CAS latency vs raw SET (starts its own redis-server without --redis).";

    /// <inheritdoc />
    public async Task<int> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        RedisServerProcess? own = null;
        var endpoint = context.Redis;
        if (endpoint is null)
        {
            own = await RedisServerProcess.StartAsync(cancellationToken: cancellationToken);
            endpoint = own.EndPoint;
            context.Console.MarkupLine($"No --redis given: started our own redis-server on {endpoint} (no persistence).");
        }

        try
        {
            var progress = new Progress<string>(step => context.Console.MarkupLine($"[grey]measuring {Markup.Escape(step)}...[/]"));
            var r = await StateBenchmarkRunner.RunAsync(endpoint, context.Quick, progress, cancellationToken);
            Render(context.Console, r, own is not null);
            if (context.JsonPath is { } path)
            {
                await File.WriteAllTextAsync(path, ToJson(r, own is not null), cancellationToken);
                context.Console.MarkupLine($"Wrote {Markup.Escape(path)}");
            }

            return 0;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    private static void Render(IAnsiConsole console, StateBenchmarkResult r, bool ownServer)
    {
        var table = new Table().AddColumns("figure", "value", "baseline (same run)", "ratio", "target");
        table.AddRow("placement_updates_per_s", F(r.PlacementUpdatesPerSecond, "N0"), "raw_set_per_s " + F(r.RawSetPerSecond, "N0"), F(r.PlacementUpdatesPerSecond / r.RawSetPerSecond, "0.00"), Mark(r.PlacementUpdatesPerSecond >= TargetUpdatesPerSecond, ">= 100,000"));
        table.AddRow("placement_updates_per_s_no_events", F(r.UpdatesWithoutEventsPerSecond, "N0"), "raw_set_per_s", F(r.UpdatesWithoutEventsPerSecond / r.RawSetPerSecond, "0.00"), "-");
        table.AddRow("placement_updates_per_s_batched", F(r.BatchedUpdatesPerSecond, "N0"), "raw_set_per_s", F(r.BatchedUpdatesPerSecond / r.RawSetPerSecond, "0.00"), Mark(r.BatchedUpdatesPerSecond >= TargetUpdatesPerSecond, ">= 100,000"));
        table.AddRow("cas_p50_us", F(r.CasP50Microseconds, "0.0"), "set_p50_us " + F(r.SetP50Microseconds, "0.0"), F(r.CasP50Microseconds / r.SetP50Microseconds, "0.00"), "-");
        table.AddRow("cas_p99_us", F(r.CasP99Microseconds, "0.0"), "set_p99_us " + F(r.SetP99Microseconds, "0.0"), F(r.CasP99Microseconds / r.SetP99Microseconds, "0.00"), Mark(r.CasP99Microseconds <= TargetCasP99Microseconds, "<= 100"));
        table.AddRow("server_cpu_us_per_update", F(r.ServerCpuMicrosecondsPerUpdate, "0.00"), "server_cpu_us_per_raw_set " + F(r.ServerCpuMicrosecondsPerRawSet, "0.00"), F(r.ServerCpuMicrosecondsPerUpdate / r.ServerCpuMicrosecondsPerRawSet, "0.00"), "-");
        table.AddRow("client_cpu_us_per_update", F(r.ClientCpuMicrosecondsPerUpdate, "0.00"), "client_cpu_us_per_raw_set " + F(r.ClientCpuMicrosecondsPerRawSet, "0.00"), F(r.ClientCpuMicrosecondsPerUpdate / r.ClientCpuMicrosecondsPerRawSet, "0.00"), "-");
        table.AddRow("embedded_updates_per_s", F(r.EmbeddedUpdatesPerSecond, "N0"), "(in-process default, no Redis)", "-", "-");
        table.AddRow("embedded_cas_p50_us / p99", F(r.EmbeddedCasP50Microseconds, "0.00") + " / " + F(r.EmbeddedCasP99Microseconds, "0.00"), "-", "-", "-");
        console.Write(table);
        console.MarkupLine(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"redis {r.Endpoint}{(ownServer ? " (own server)" : string.Empty)}; {r.Plans:N0} plans per throughput figure, {r.ValueBytes} B values; placement_updates_per_s = single-move plans (one Lua CAS + idempotency key + event each), pipelined; _no_events = the same without the XADD; _batched = {r.MovesPerBatchedPlan}-move plans, counted per move; cas = one plan commit round trip, {r.LatencySamples:N0} samples.")));
    }

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    private static string Mark(bool met, string target) => met ? $"[green]met[/] ({target})" : $"[red]missed[/] ({target})";

    private static string ToJson(StateBenchmarkResult r, bool ownServer) => JsonSerializer.Serialize(
        new Dictionary<string, object>
        {
            ["benchmark"] = "state",
            ["redis"] = r.Endpoint,
            ["own_redis_server"] = ownServer,
            ["value_bytes"] = r.ValueBytes,
            ["plans"] = r.Plans,
            ["placement_updates_per_s"] = Math.Round(r.PlacementUpdatesPerSecond),
            ["placement_updates_per_s_no_events"] = Math.Round(r.UpdatesWithoutEventsPerSecond),
            ["placement_updates_per_s_batched"] = Math.Round(r.BatchedUpdatesPerSecond),
            ["moves_per_batched_plan"] = r.MovesPerBatchedPlan,
            ["raw_set_per_s"] = Math.Round(r.RawSetPerSecond),
            ["updates_to_raw_set_ratio"] = Math.Round(r.PlacementUpdatesPerSecond / r.RawSetPerSecond, 3),
            ["batched_updates_to_raw_set_ratio"] = Math.Round(r.BatchedUpdatesPerSecond / r.RawSetPerSecond, 3),
            ["cas_p50_us"] = Math.Round(r.CasP50Microseconds, 1),
            ["cas_p99_us"] = Math.Round(r.CasP99Microseconds, 1),
            ["set_p50_us"] = Math.Round(r.SetP50Microseconds, 1),
            ["cas_to_set_p50_ratio"] = Math.Round(r.CasP50Microseconds / r.SetP50Microseconds, 3),
            ["set_p99_us"] = Math.Round(r.SetP99Microseconds, 1),
            ["cas_to_set_p99_ratio"] = Math.Round(r.CasP99Microseconds / r.SetP99Microseconds, 3),
            ["server_cpu_us_per_update"] = Math.Round(r.ServerCpuMicrosecondsPerUpdate, 2),
            ["client_cpu_us_per_update"] = Math.Round(r.ClientCpuMicrosecondsPerUpdate, 2),
            ["server_cpu_us_per_raw_set"] = Math.Round(r.ServerCpuMicrosecondsPerRawSet, 2),
            ["client_cpu_us_per_raw_set"] = Math.Round(r.ClientCpuMicrosecondsPerRawSet, 2),
            ["embedded_updates_per_s"] = Math.Round(r.EmbeddedUpdatesPerSecond),
            ["embedded_cas_p50_us"] = Math.Round(r.EmbeddedCasP50Microseconds, 2),
            ["embedded_cas_p99_us"] = Math.Round(r.EmbeddedCasP99Microseconds, 2),
            ["latency_samples"] = r.LatencySamples,
        },
        JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };
}
