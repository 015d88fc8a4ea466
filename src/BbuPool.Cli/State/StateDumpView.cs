using System.Globalization;
using BbuPool.StatePlane;
using Spectre.Console;

namespace BbuPool.Cli.State;

/// <summary>Renders a pool snapshot as Spectre tables.</summary>
internal static class StateDumpView
{
    /// <summary>Writes the nodes, placements, migrations and lease tables.</summary>
    public static void Render(IAnsiConsole console, string source, PoolSnapshot snapshot)
    {
        console.MarkupLine($"[bold]Pool state[/] from {Markup.Escape(source)}: {snapshot.Nodes.Count} nodes, {snapshot.Placements.Count} placements, {snapshot.Migrations.Count} migrations");
        var coresUsed = snapshot.Placements.GroupBy(p => p.NodeId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Cells: g.Count(), Cores: g.Sum(p => p.Cores.Count)), StringComparer.Ordinal);

        var nodes = new Table().Title("Nodes").AddColumns("node", "arch", "cores (os)", "state", "alive", "heartbeat left", "cells", "cores used");
        foreach (var n in snapshot.Nodes)
        {
            var used = coresUsed.GetValueOrDefault(n.Node.Id);
            nodes.AddRow(
                Markup.Escape(n.Node.Id),
                n.Node.Arch.ToString(),
                string.Create(CultureInfo.InvariantCulture, $"{n.Node.Cores} ({n.Node.OsReservedCores})"),
                n.State.ToString(),
                n.Alive ? "[green]yes[/]" : "[red]no[/]",
                n.HeartbeatRemaining is { } t ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.0} s") : "-",
                used.Cells.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{used.Cores}/{n.Node.UsableCores}"));
        }

        console.Write(nodes);

        var placements = new Table().Title("Placements").AddColumns("cell", "node", "cores", "version");
        foreach (var p in snapshot.Placements)
        {
            placements.AddRow(Markup.Escape(p.CellId), Markup.Escape(p.NodeId), Cores(p.Cores), p.Version.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(placements);

        if (snapshot.Migrations.Count > 0)
        {
            var migrations = new Table().Title("Migrations").AddColumns("id", "cell", "from", "to", "method", "phase", "downtime", "bytes");
            foreach (var m in snapshot.Migrations)
            {
                migrations.AddRow(
                    Markup.Escape(m.MigrationId),
                    Markup.Escape(m.CellId),
                    Markup.Escape(m.SourceNodeId),
                    Markup.Escape(m.TargetNodeId),
                    Markup.Escape(m.Method),
                    m.Phase.ToString(),
                    m.DowntimeMicroseconds is { } d ? string.Create(CultureInfo.InvariantCulture, $"{d:0.#} us") : "-",
                    m.BytesTransferred?.ToString(CultureInfo.InvariantCulture) ?? "-");
            }

            console.Write(migrations);
        }

        console.MarkupLine(snapshot.Lease is { } l
            ? $"Leader lease: [bold]{Markup.Escape(l.Holder)}[/], fencing token {l.FencingToken}, {l.Remaining.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s left"
            : "Leader lease: none");
        console.MarkupLine($"Last event: {Markup.Escape(snapshot.LastEventId ?? "-")}");
    }

    // Runs of consecutive cores print as ranges ("4-7,12") so a 16-core stack stays one short cell.
    private static string Cores(IReadOnlyList<int> cores)
    {
        var sorted = cores.Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            parts.Add(i == j
                ? sorted[i].ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{sorted[i]}-{sorted[j]}"));
            i = j + 1;
        }

        return string.Join(',', parts);
    }
}
