using System.CommandLine;
using BbuPool.Cli.Hosting;
using BbuPool.Cli.State;
using BbuPool.StatePlane;
using Spectre.Console;

namespace BbuPool.Cli.Commands;

/// <summary>`bbupool state dump|watch --redis HOST:PORT`: the operator's view of the Redis state plane.</summary>
internal sealed class StateVerb : ICliVerb
{
    /// <inheritdoc />
    public Command Create()
    {
        var command = new Command("state", "Inspect the pool's state plane in Redis.");
        command.Subcommands.Add(CreateDump());
        command.Subcommands.Add(CreateWatch());
        return command;
    }

    private static Command CreateDump()
    {
        var (redis, prefix, db) = ConnectionOptions();
        var command = new Command("dump", "Print the pool as tables: nodes, placements, migrations, lease.") { redis, prefix, db };
        command.SetAction(async (parse, ct) => await WithStateAsync(parse.GetValue(redis)!, parse.GetValue(prefix)!, parse.GetValue(db), async s =>
        {
            StateDumpView.Render(AnsiConsole.Console, s.Description, await s.GetSnapshotAsync(ct));
            return 0;
        }));
        return command;
    }

    private static Command CreateWatch()
    {
        var (redis, prefix, db) = ConnectionOptions();
        var all = new Option<bool>("--all") { Description = "Replay the events kept on the stream first, then follow." };
        var poll = new Option<int>("--poll-ms") { Description = "Polling interval in milliseconds.", DefaultValueFactory = _ => 200 };
        var command = new Command("watch", "Follow the pool's event stream until Ctrl+C.") { redis, prefix, db, all, poll };
        command.SetAction(async (parse, ct) => await WithStateAsync(parse.GetValue(redis)!, parse.GetValue(prefix)!, parse.GetValue(db), async s =>
        {
            await StateWatchView.RunAsync(AnsiConsole.Console, s, parse.GetValue(all), TimeSpan.FromMilliseconds(Math.Max(10, parse.GetValue(poll))), ct);
            return 0;
        }));
        return command;
    }

    private static (Option<string> Redis, Option<string> Prefix, Option<int> Db) ConnectionOptions() => (
        new Option<string>("--redis") { Description = "Redis HOST:PORT (StackExchange.Redis configuration string; ',password=...' allowed).", Required = true },
        new Option<string>("--prefix") { Description = "Key prefix of the pool.", DefaultValueFactory = _ => "bbupool" },
        new Option<int>("--db") { Description = "Redis database index." });

    private static async Task<int> WithStateAsync(string redis, string prefix, int db, Func<IStatePlane, Task<int>> action)
    {
        using var host = CliHost.Build(verbose: false);
        if (CliHost.Settings<StatePlaneSettings>(host, Console.Error) is not { } settings)
        {
            return Program.ExitInvalidInput;
        }

        try
        {
            await using var state = await StatePlaneFactory.CreateAsync(settings.For(redis, prefix, db));
            return await action(state);
        }
        catch (StatePlaneUnavailableException e)
        {
            Console.Error.WriteLine(e.Message);
            // 3 = environment problem (unreachable service), apart from 2 = bad input.
            return 3;
        }
        catch (NotSupportedException e)
        {
            // A configuration this client cannot honour (a Redis ACL user): bad input.
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
    }
}
