namespace BbuPool.Migration.Tests.Protocol;

/// <summary>Tests taken out of the run, visibly (they count as skipped), until the bug they found is fixed.</summary>
internal static class Quarantine
{
    /// <summary>
    /// At the end of round 1 about half of full runs of this assembly hung (test host idle, load ~0)
    /// in a protocol test, and post-copy fault tests failed now and then ("Expected hello, got
    /// PageRequest"); each passes on its own and in most runs. A race in the protocol engine or its
    /// rig, not yet found: issue #5 stays open for it. Re-enable these two classes with the fix.
    /// </summary>
    public const string IntermittentHang = "quarantined: intermittent hang/race in the protocol engine or rig (issue #5)";
}
