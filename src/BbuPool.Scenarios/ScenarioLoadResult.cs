namespace BbuPool.Scenarios;

/// <summary>The outcome of loading a scenario: the scenario when valid, and every problem found.</summary>
/// <param name="Scenario">The expanded scenario, or null when there is at least one error.</param>
/// <param name="Errors">Every error, in file order; empty when the scenario is valid.</param>
/// <param name="Warnings">Things that are legal but probably not meant (they do not stop a run).</param>
public sealed record ScenarioLoadResult(
    Scenario? Scenario,
    IReadOnlyList<ScenarioError> Errors,
    IReadOnlyList<ScenarioError> Warnings)
{
    /// <summary>True when the scenario loaded with no error.</summary>
    public bool Succeeded => Scenario is not null && Errors.Count == 0;
}
