namespace BbuPool.Core.Model;

/// <summary>A cell (one RRH sector): the unit BbuPool places. One cell runs one stack instance.</summary>
/// <param name="Id">Unique cell id.</param>
/// <param name="Rat">Radio access technology.</param>
/// <param name="BandwidthMhz">Channel bandwidth.</param>
/// <param name="Prbs">Resource units: PRBs for LTE/NR, TRX for GSM, carriers for UMTS (see <see cref="Radio.RadioTables"/>).</param>
/// <param name="Antennas">Receive/transmit antenna ports the PHY processes.</param>
/// <param name="Numerology">NR numerology µ (0..3); 0 for other RATs.</param>
/// <param name="StackId">The vendor stack profile that runs this cell.</param>
/// <param name="Site">Radio site of the RRH.</param>
/// <param name="CompCluster">CoMP cluster (cells that cooperate and want to be co-located), or null.</param>
/// <param name="FronthaulKm">Fibre distance from the RRH to the pool's hub.</param>
/// <param name="Priority">0 (best effort) .. 9 (critical); failover re-places higher first.</param>
/// <param name="HotStandby">Keep a hot-standby replica on another node.</param>
public sealed record CellSpec(
    string Id,
    Rat Rat,
    double BandwidthMhz,
    int Prbs,
    int Antennas,
    int Numerology,
    string StackId,
    string Site,
    string? CompCluster,
    double FronthaulKm,
    int Priority,
    bool HotStandby);
