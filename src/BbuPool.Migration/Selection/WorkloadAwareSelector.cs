using BbuPool.Core.Migration;
using BbuPool.Migration.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BbuPool.Migration.Selection;

/// <summary>
/// Picks the migration method per move (seed 004): measures or takes the workload figures,
/// predicts every method with the cost model, keeps those meeting the downtime budget, and takes
/// the least total time and bytes; logs the rationale. A forced method (--method) wins.
/// </summary>
public sealed partial class WorkloadAwareSelector
{
    private readonly MigrationCostModel _model;
    private readonly ILogger _logger;

    /// <summary>Creates a selector over <paramref name="model"/>.</summary>
    public WorkloadAwareSelector(MigrationCostModel model, ILogger<WorkloadAwareSelector>? logger = null)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Chooses the method for <paramref name="request"/> and logs why.</summary>
    public MigrationSelection Choose(in MigrationRequest request)
    {
        var selection = _model.Select(request);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            LogChosen(selection.Method, selection.Explain());
        }

        return selection;
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Migration method {Method} chosen: {Rationale}")]
    private partial void LogChosen(MigrationMethod method, string rationale);
}
