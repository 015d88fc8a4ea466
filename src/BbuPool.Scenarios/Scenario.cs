using BbuPool.Core.Cost;
using BbuPool.Core.Events;
using BbuPool.Core.Model;
using BbuPool.Core.Policy;
using BbuPool.Core.Traffic;

namespace BbuPool.Scenarios;

/// <summary>A validated scenario, expanded: every node and cell listed, templates applied.</summary>
/// <param name="Name">Scenario name (the file's `name:` or its file name).</param>
/// <param name="SourcePath">The file it was loaded from.</param>
/// <param name="Nodes">Nodes present at the start (events may add more).</param>
/// <param name="InitiallyPowered">Node ids powered at the start (the rest start off).</param>
/// <param name="Cells">Cells, in file order.</param>
/// <param name="Stacks">Vendor stack profiles by id.</param>
/// <param name="CreateTraffic">Builds the per-cell traffic source for a seed (deterministic).</param>
/// <param name="Events">Events in time order.</param>
/// <param name="Policy">The pool policy.</param>
/// <param name="CostModel">Processing cost coefficients (defaults unless the file overrides).</param>
/// <param name="DurationSeconds">Virtual time simulated.</param>
/// <param name="StepSeconds">Virtual time per step.</param>
/// <param name="Seed">Default seed (`--seed` overrides).</param>
public sealed record Scenario(
    string Name,
    string SourcePath,
    IReadOnlyList<NodeSpec> Nodes,
    IReadOnlySet<string> InitiallyPowered,
    IReadOnlyList<CellSpec> Cells,
    IReadOnlyDictionary<string, StackProfile> Stacks,
    Func<ulong, ITrafficSource> CreateTraffic,
    IReadOnlyList<ScenarioEvent> Events,
    PoolPolicy Policy,
    CostModelOptions CostModel,
    double DurationSeconds,
    double StepSeconds,
    ulong Seed);
