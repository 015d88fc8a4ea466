using BbuPool.Wire.Frames;

using BbuPool.Migration.State;

namespace BbuPool.Migration.Protocol;

/// <summary>Pre-copy rounds with the stop rule, non-convergence detection and auto-converge.</summary>
public sealed partial class MigrationSource
{
    /// <summary>Least relative shrink of the dirty set that counts as progress between rounds (5 %).</summary>
    private const double MinShrink = 0.05;

    /// <summary>
    /// Round 0 sends every page; each later round the pages dirtied meanwhile. With the stop rule,
    /// rounds end when the dirty set fits the downtime budget at the measured bandwidth, at the round
    /// limit, or when it stops shrinking for <see cref="MigrationOptions.NonConvergenceRounds"/> rounds.
    /// </summary>
    private async Task PrecopyRoundsAsync(int maxRounds, bool useStopRule, CancellationToken ct)
    {
        SetPhase(MigrationPhase.Rounds);
        _region.MarkAllDirty();
        int notShrinking = 0;
        int previousDirty = int.MaxValue;
        double budget = _options.DowntimeBudget.TotalSeconds;
        for (int round = 0; round < maxRounds; round++)
        {
            _pages.Clear();
            _region.HarvestDirty(_pages);
            await SendRoundAsync(round, useDelta: round > 0, ct);
            var last = _rounds[^1];
            double bandwidth = _pageSeconds > 0 ? _pageBytesSent / _pageSeconds : double.PositiveInfinity;
            int dirty = last.DirtyAfter;
            LogRound(_options.MigrationId, round, last.Pages, last.WireBytes, last.Seconds * 1e3, dirty);
            if (!useStopRule)
            {
                continue;
            }

            // Stop rule: what is dirty now, sent at the bandwidth measured so far, fits the budget.
            if ((double)dirty * PageRegion.PageSize / bandwidth <= budget)
            {
                return;
            }

            // A round that shrank the dirty set by under 5 % did not shrink it: on a plateau the
            // working set's noise makes a strict comparison say "shrinking" every other round.
            notShrinking = dirty >= previousDirty * (1 - MinShrink) ? notShrinking + 1 : 0;
            previousDirty = Math.Min(previousDirty, dirty);
            if (notShrinking >= _options.NonConvergenceRounds)
            {
                if (_options.AutoConverge && _host.Stack.Throttle < 1.0)
                {
                    // QEMU auto-converge steps: 20 % then +10 % per step; we step faster (TTIs are short).
                    _host.Stack.Throttle = _host.Stack.Throttle == 0 ? 0.5 : Math.Min(1.0, _host.Stack.Throttle + 0.25);
                    LogAutoConverge(_options.MigrationId, _host.Stack.Throttle);
                    notShrinking = 0;
                    previousDirty = int.MaxValue;
                    continue;
                }

                _converged = false;
                LogNotConverging(_options.MigrationId, round, dirty);
                if (_options.AbortOnNonConvergence)
                {
                    throw new MigrationAbortedException(AbortReason.NotConverging, $"Dirty set stopped shrinking at {dirty} pages after round {round}.");
                }

                return;
            }
        }

        if (useStopRule)
        {
            _converged = false;
        }
    }
}
