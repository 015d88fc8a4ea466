using System.Text.Json;

namespace BbuPool.Simulation.Reporting;

/// <summary>
/// Writes report.json with the field names fixed by issue 2 and docs/simulation.md. Written by
/// hand (Utf8JsonWriter) so names and order never depend on a serializer's conventions.
/// </summary>
public static class ReportJsonWriter
{
    /// <summary>Writes the report to <paramref name="path"/> (indented, UTF-8).</summary>
    public static void Write(SimulationReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = File.Create(path);
        Write(report, stream);
    }

    /// <summary>Writes the report to <paramref name="stream"/>.</summary>
    public static void Write(SimulationReport report, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("scenario", report.Scenario);
        w.WriteNumber("seed", report.Seed);
        w.WriteString("scheduler", report.Scheduler);
        w.WriteString("migration_model", report.MigrationModel);
        w.WriteNumber("steps", report.Steps);
        w.WriteNumber("step_seconds", report.StepSeconds);
        w.WriteNumber("cells", report.Cells);
        w.WriteNumber("nodes", report.Nodes);
        w.WriteNumber("server_hours", Round(report.ServerHours));
        w.WriteNumber("lower_bound_server_hours", Round(report.LowerBoundServerHours));
        w.WriteNumber("peak_provisioned_server_hours", Round(report.PeakProvisionedServerHours));
        w.WriteNumber("peak_provisioned_nodes", report.PeakProvisionedNodes);
        w.WriteNumber("server_hours_saving", Round(report.ServerHoursSaving));
        w.WriteNumber("peak_powered_nodes", report.PeakPoweredNodes);
        w.WriteNumber("energy_kwh", Round(report.EnergyKwh));
        w.WriteNumber("peak_provisioned_energy_kwh", Round(report.PeakProvisionedEnergyKwh));
        w.WriteStartObject("migrations");
        foreach (var (method, count) in report.Migrations)
        {
            w.WriteNumber(method, count);
        }

        w.WriteEndObject();
        w.WriteStartObject("migration_downtime_us");
        w.WriteNumber("p50", Round(report.MigrationDowntimeUs.P50));
        w.WriteNumber("p99", Round(report.MigrationDowntimeUs.P99));
        w.WriteNumber("max", Round(report.MigrationDowntimeUs.Max));
        w.WriteEndObject();
        w.WriteNumber("deadline_miss_rate", report.DeadlineMissRate);
        w.WriteNumber("missed_ttis", Round(report.MissedTtis));
        w.WriteNumber("total_ttis", Round(report.TotalTtis));
        w.WriteNumber("constraint_violations", report.ConstraintViolations);
        w.WriteStartObject("violations_by_rule");
        foreach (var (rule, count) in report.ViolationsByRule)
        {
            w.WriteNumber(rule, count);
        }

        w.WriteEndObject();
        w.WriteNumber("max_nodes_over_lower_bound", report.MaxNodesOverLowerBound);
        w.WriteNumber("max_nodes_over_demand_bound", report.MaxNodesOverDemandBound);
        w.WriteNumber("migrations_within_cooldown", report.MigrationsWithinCooldown);
        w.WriteNumber("failovers", report.Failovers);
        w.WriteNumber("unplaced_cell_steps", report.UnplacedCellSteps);
        w.WriteNumber("wall_seconds", Math.Round(report.WallSeconds, 3));
        w.WriteEndObject();
    }

    // Six decimals: enough for kWh and hours, and identical across runs of one seed.
    private static double Round(double value) => Math.Round(value, 6);
}
