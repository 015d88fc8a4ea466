namespace BbuPool.Simulation;

internal sealed partial class RunState
{
    public SimulationReport Finish(string scheduler, string migrationModel, double wallSeconds)
    {
        // Distributed-RAN comparison: every cell provisioned for its own peak all day, on the
        // same kind of servers (all nodes the run ever had, none failed).
        var all = new LowerBound();
        all.Refresh(new Core.Pool.PoolState(
            Enumerable.Range(0, Pool.NodeCount).Select(Pool.Node).ToList(),
            [],
            _scenario.Stacks,
            _scenario.Policy,
            _costModel));
        double peakCores = 0, peakMemory = 0, peakNic = 0;
        for (var c = 0; c < _peakCores.Length; c++)
        {
            peakCores += _peakCores[c];
            peakMemory += _peakMemory[c];
            peakNic += _peakNic[c];
        }

        var peakNodes = all.Nodes(peakCores, peakMemory, peakNic);
        var durationHours = Steps * _scenario.StepSeconds / 3600;
        var nodes = Enumerable.Range(0, Pool.NodeCount).Select(Pool.Node).ToList();
        var idle = nodes.Average(n => n.IdleWatts);
        var dynamic = nodes.Average(n => n.PeakWatts - n.IdleWatts);
        var coresPerNode = nodes.Average(n => n.Cores / Pool.CostModel.NodeFactor(n.Arch, n.ClockGhz));
        // Same load on more servers: idle power of every provisioned server plus the dynamic
        // power of the work itself, spread at the average server's watts per core.
        var peakEnergy = ((peakNodes * idle * durationHours) + (dynamic * _busyReferenceCoreHours / coresPerNode)) / 1000;

        return new SimulationReport
        {
            Scenario = _scenario.Name,
            Seed = Seed,
            Scheduler = scheduler,
            MigrationModel = migrationModel,
            Steps = Steps,
            StepSeconds = _scenario.StepSeconds,
            Cells = Pool.CellCount,
            Nodes = Pool.NodeCount,
            ServerHours = _serverHours,
            LowerBoundServerHours = _lowerBoundHours,
            PeakProvisionedServerHours = peakNodes * durationHours,
            PeakProvisionedNodes = peakNodes,
            EnergyKwh = _energyKwh,
            PeakProvisionedEnergyKwh = peakEnergy,
            Migrations = new SortedDictionary<string, int>(_migrations, StringComparer.Ordinal),
            MigrationDowntimeUs = DowntimeSummary.From(_downtimesUs),
            DeadlineMissRate = _totalTtis > 0 ? _missedTtis / _totalTtis : 0,
            MissedTtis = _missedTtis,
            TotalTtis = _totalTtis,
            ConstraintViolations = _violations,
            ViolationsByRule = new SortedDictionary<string, int>(_violationsByRule, StringComparer.Ordinal),
            MaxNodesOverLowerBound = _maxOver,
            MaxNodesOverDemandBound = _maxOverDemand,
            MigrationsWithinCooldown = _withinCooldown,
            Failovers = _failovers,
            UnplacedCellSteps = _unplacedCellSteps,
            PeakPoweredNodes = _peakPowered,
            WallSeconds = wallSeconds,
            Timeline = _timeline,
        };
    }
}
