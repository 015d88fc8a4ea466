using System.Globalization;
using BbuPool.Simulation;
using Spectre.Console;

namespace BbuPool.Cli.Rendering;

/// <summary>The end-of-run summary of `simulate`.</summary>
internal static class SummaryTable
{
    /// <summary>Writes the summary table.</summary>
    public static void Write(IAnsiConsole console, SimulationReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        var table = new Table().Title($"[bold]{Markup.Escape(r.Scenario)}[/] (seed {r.Seed}, {Markup.Escape(r.Scheduler)})")
            .AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("cells / nodes", $"{r.Cells} / {r.Nodes}");
        Row("steps", string.Create(inv, $"{r.Steps} x {r.StepSeconds} s"));
        Row("server-hours", r.ServerHours.ToString("F1", inv));
        Row("lower bound server-hours", r.LowerBoundServerHours.ToString("F1", inv));
        Row("peak-provisioned server-hours", string.Create(inv, $"{r.PeakProvisionedServerHours:F1} ({r.PeakProvisionedNodes} nodes)"));
        Row("saving vs peak-provisioned", r.ServerHoursSaving.ToString("P1", inv));
        Row("energy kWh (peak-provisioned)", string.Create(inv, $"{r.EnergyKwh:F1} ({r.PeakProvisionedEnergyKwh:F1})"));
        Row("peak powered nodes", r.PeakPoweredNodes.ToString(inv));
        Row("max nodes over lower bound (N+k)", r.MaxNodesOverLowerBound.ToString(inv));
        Row("max nodes over demand bound (k = 0)", r.MaxNodesOverDemandBound.ToString(inv));
        Row("migrations", r.Migrations.Count == 0 ? "0" : string.Join(", ", r.Migrations.Select(kv => $"{kv.Key} {kv.Value}")));
        Row("migrations within cooldown", r.MigrationsWithinCooldown.ToString(inv));
        Row("downtime µs p50 / p99 / max", string.Create(inv, $"{r.MigrationDowntimeUs.P50:F0} / {r.MigrationDowntimeUs.P99:F0} / {r.MigrationDowntimeUs.Max:F0}"));
        Row("failovers", r.Failovers.ToString(inv));
        Row("deadline miss rate", r.DeadlineMissRate.ToString("G4", inv));
        Row("constraint violations", r.ConstraintViolations.ToString(inv));
        Row("wall seconds", r.WallSeconds.ToString("F2", inv));
        console.Write(table);
    }
}
