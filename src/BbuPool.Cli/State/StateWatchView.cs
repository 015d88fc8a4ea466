using System.Globalization;
using BbuPool.StatePlane;
using Spectre.Console;

namespace BbuPool.Cli.State;

/// <summary>Follows the event stream, one line per event.</summary>
internal static class StateWatchView
{
    /// <summary>Prints events until cancelled; from the newest on, or every kept event first when <paramref name="all"/>.</summary>
    public static async Task RunAsync(IAnsiConsole console, IStatePlane state, bool all, TimeSpan poll, CancellationToken cancellationToken)
    {
        var start = all ? null : (await state.GetSnapshotAsync(cancellationToken)).LastEventId ?? "0-0";
        console.MarkupLine($"Following events on {Markup.Escape(state.Description)} (Ctrl+C to stop)");
        await foreach (var e in state.WatchAsync(start, poll, cancellationToken: cancellationToken))
        {
            console.MarkupLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{e.At:HH:mm:ss.fff} [{Colour(e.Kind)}]{e.Kind,-16}[/] {Markup.Escape(e.Subject)}  {Markup.Escape(e.Detail)}"));
        }
    }

    private static string Colour(StateEventKind kind) => kind switch
    {
        StateEventKind.PlanCommitted => "green",
        StateEventKind.MigrationChanged => "yellow",
        StateEventKind.NodeStateChanged => "blue",
        StateEventKind.LeaseAcquired or StateEventKind.LeaseReleased => "magenta",
        _ => "grey",
    };
}
