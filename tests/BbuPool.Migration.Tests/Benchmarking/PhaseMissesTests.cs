using BbuPool.Migration.Benchmarking;
using BbuPool.Migration.Hosting;
using BbuPool.Migration.Protocol;

namespace BbuPool.Migration.Tests.Benchmarking;

public sealed class PhaseMissesTests
{
    // A clock of 1 tick per microsecond keeps the figures readable.
    private const long Frequency = 1_000_000;

    private static readonly PhaseMark[] Phases =
    [
        new(MigrationPhase.Handshake, 1_000),
        new(MigrationPhase.Replicating, 2_000),
        new(MigrationPhase.Reviewing, 5_000),
        new(MigrationPhase.Committed, 9_000),
    ];

    [Fact]
    public void Attribute_PlacesEachMissInTheSourcesPhaseAtItsSlotStart()
    {
        var misses = new List<MissedTti>();
        LocalMigration.Attribute(
            misses,
            MigrationEnd.Source,
            [new TtiMiss(1, 500, 700, 1_600), new TtiMiss(2, 2_000, 3_100, 3_200), new TtiMiss(3, 4_999, 5_000, 6_100)],
            Phases,
            Frequency);
        LocalMigration.Attribute(misses, MigrationEnd.Destination, [new TtiMiss(9, 9_500, 9_600, 10_700)], Phases, Frequency);

        Assert.Equal(
            [
                new MissedTti(MigrationEnd.Source, MigrationPhase.Idle, 200, 900),
                new MissedTti(MigrationEnd.Source, MigrationPhase.Replicating, 1_100, 100),
                new MissedTti(MigrationEnd.Source, MigrationPhase.Replicating, 1, 1_100),
                new MissedTti(MigrationEnd.Destination, MigrationPhase.Committed, 100, 1_100),
            ],
            misses);
    }

    [Fact]
    public void Summarise_GroupsByEndThenPhase_WithMedianAndMax()
    {
        var summary = PhaseMisses.Summarise(
        [
            new MissedTti(MigrationEnd.Destination, MigrationPhase.Reviewing, 50, 900),
            new MissedTti(MigrationEnd.Source, MigrationPhase.Reviewing, 1_200, 300),
            new MissedTti(MigrationEnd.Source, MigrationPhase.Replicating, 10, 1_100),
            new MissedTti(MigrationEnd.Source, MigrationPhase.Reviewing, 3_000, 310),
            new MissedTti(MigrationEnd.Source, MigrationPhase.Reviewing, 800, 290),
        ]);

        Assert.Equal(
            [
                new PhaseMisses(MigrationEnd.Source, MigrationPhase.Replicating, 1, 10, 10, 1_100, 1_100),
                new PhaseMisses(MigrationEnd.Source, MigrationPhase.Reviewing, 3, 1_200, 3_000, 300, 310),
                new PhaseMisses(MigrationEnd.Destination, MigrationPhase.Reviewing, 1, 50, 50, 900, 900),
            ],
            summary);
        Assert.Equal("source Reviewing 3 (woke +1200 us p50, 3000 max; compute 300 us p50, 310 max)", summary[1].Describe());
        Assert.Empty(PhaseMisses.Summarise([]));
    }
}
