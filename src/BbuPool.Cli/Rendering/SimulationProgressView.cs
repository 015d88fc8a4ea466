using BbuPool.Scenarios;
using BbuPool.Simulation;
using Spectre.Console;

namespace BbuPool.Cli.Rendering;

/// <summary>Runs a simulation behind a Spectre.Console progress bar (plain output when not a terminal).</summary>
internal static class SimulationProgressView
{
    /// <summary>Runs the engine to completion, showing progress.</summary>
    public static SimulationReport Run(SimulationEngine engine, Scenario scenario, CancellationToken ct)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            return engine.Run(null, ct);
        }

        SimulationReport? report = null;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(scenario.Name));
                var progress = new InlineProgress(p =>
                {
                    task.MaxValue = p.Steps;
                    task.Value = p.Step;
                    task.Description = Markup.Escape($"{scenario.Name}: {p.PoweredNodes} nodes powered");
                });
                report = engine.Run(progress, ct);
            });
        return report!;
    }

    /// <summary>Synchronous IProgress (Progress&lt;T&gt; would post to the thread pool and lag the bar).</summary>
    private sealed class InlineProgress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => report(value);
    }
}
