using System.Globalization;
using BbuPool.Core.Migration;

namespace BbuPool.Migration.Selection;

/// <summary>The selector's choice, its prediction, and the runner-up it beat.</summary>
/// <param name="Method">The chosen method.</param>
/// <param name="Estimate">Its predicted cost.</param>
/// <param name="Workload">The workload class the choice rests on.</param>
/// <param name="Reason">Why.</param>
/// <param name="RunnerUp">Second best method.</param>
/// <param name="RunnerUpEstimate">Its predicted cost (default when none).</param>
public readonly record struct MigrationSelection(
    MigrationMethod Method,
    MigrationEstimate Estimate,
    WorkloadClass Workload,
    SelectionReason Reason,
    MigrationMethod RunnerUp,
    MigrationEstimate RunnerUpEstimate)
{
    /// <summary>One human-readable line: the rationale the selector logs.</summary>
    public string Explain()
    {
        var c = CultureInfo.InvariantCulture;
        string head = string.Create(c, $"{Method}: {Reason} ({Workload}); predicted total {Estimate.TotalSeconds * 1e3:F2} ms, downtime {Estimate.DowntimeSeconds * 1e6:F0} us, {Estimate.BytesOnWire / 1048576.0:F1} MiB, {Estimate.MissedTtis} missed TTIs");
        return RunnerUp == Method || RunnerUpEstimate.Method == default
            ? head
            : string.Create(c, $"{head}; runner-up {RunnerUp}: total {RunnerUpEstimate.TotalSeconds * 1e3:F2} ms, downtime {RunnerUpEstimate.DowntimeSeconds * 1e6:F0} us, {RunnerUpEstimate.BytesOnWire / 1048576.0:F1} MiB");
    }
}
