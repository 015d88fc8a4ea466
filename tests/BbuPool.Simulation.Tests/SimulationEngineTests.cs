using BbuPool.Core.Events;
using BbuPool.Scheduling.Baseline;
using BbuPool.Simulation.Costing;
using BbuPool.Simulation.Reporting;

namespace BbuPool.Simulation.Tests;

public class SimulationEngineTests
{
    private static SimulationReport Run(Scenarios.Scenario scenario, ulong? seed = null) =>
        new SimulationEngine(scenario, new FirstFitDecreasingScheduler(), new ClosedFormPrecopyModel(), new SimulationSettings { Seed = seed }).Run();

    [Fact]
    public void DayRun_HoldsInvariants()
    {
        var report = Run(TestScenarios.Day());
        Assert.Equal(0, report.ConstraintViolations);
        Assert.True(report.ServerHours >= report.LowerBoundServerHours - 1e-9);
        Assert.True(report.LowerBoundServerHours > 0);
        Assert.True(report.PeakProvisionedServerHours >= report.LowerBoundServerHours);
        Assert.Equal(288, report.Steps);
        Assert.InRange(report.DeadlineMissRate, 0, 1);
        Assert.True(report.EnergyKwh > 0);
    }

    [Fact]
    public void SameSeed_SameReport_OtherSeed_OtherReport()
    {
        static string Json(SimulationReport r)
        {
            using var ms = new MemoryStream();
            ReportJsonWriter.Write(r with { WallSeconds = 0 }, ms);
            return System.Text.Encoding.UTF8.GetString(ms.ToArray());
        }

        var a = Json(Run(TestScenarios.Day(), 7));
        var b = Json(Run(TestScenarios.Day(), 7));
        var c = Json(Run(TestScenarios.Day(), 8));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void NodeFailure_CellsAreReplaced()
    {
        var scenario = TestScenarios.Day(events: [new NodeFailureEvent(600, "n00"), new NodeRepairEvent(7200, "n00")]);
        var report = Run(scenario);
        Assert.True(report.Failovers > 0);
        Assert.Equal(0, report.ConstraintViolations);
        Assert.Equal(0, report.UnplacedCellSteps);
    }

    [Fact]
    public void MaintenanceDrain_EmptiesNodeWithLiveMigrations()
    {
        var scenario = TestScenarios.Day(events: [new MaintenanceDrainEvent(600, "n00", 3600)]);
        var report = Run(scenario);
        Assert.True(report.Migrations.Values.Sum() > 0);
        Assert.Equal(0, report.ConstraintViolations);
    }

    [Fact]
    public void Overload_MakesStacksMissDeadlines()
    {
        // 60 cells on 3 nodes cannot fit: unplaced or squeezed cells miss TTIs.
        var report = Run(TestScenarios.Day(cells: 60, nodes: 3));
        Assert.True(report.DeadlineMissRate > 0);
        Assert.Equal(0, report.ConstraintViolations);
    }

    [Fact]
    public void ReportJson_HasTheFixedFieldNames()
    {
        using var ms = new MemoryStream();
        ReportJsonWriter.Write(Run(TestScenarios.Day(cells: 8, nodes: 4)), ms);
        using var doc = System.Text.Json.JsonDocument.Parse(ms.ToArray());
        foreach (var field in new[]
        {
            "scenario", "seed", "steps", "cells", "nodes", "server_hours", "lower_bound_server_hours",
            "peak_provisioned_server_hours", "energy_kwh", "peak_provisioned_energy_kwh", "migrations",
            "migration_downtime_us", "deadline_miss_rate", "constraint_violations", "wall_seconds",
            "max_nodes_over_lower_bound", "migrations_within_cooldown",
        })
        {
            Assert.True(doc.RootElement.TryGetProperty(field, out _), field);
        }

        var downtime = doc.RootElement.GetProperty("migration_downtime_us");
        Assert.True(downtime.TryGetProperty("p50", out _) && downtime.TryGetProperty("p99", out _) && downtime.TryGetProperty("max", out _));
    }

    [Fact]
    public void HtmlReport_HasInlineSvgPlot()
    {
        var html = ReportHtmlWriter.Render(Run(TestScenarios.Day(cells: 8, nodes: 4)));
        Assert.Contains("<svg", html);
        Assert.Contains("<polyline", html);
        Assert.DoesNotContain("<script", html);
    }
}
