namespace BbuPool.Scheduling.Framework;

/// <summary>The last gate before Bind: Success lets it through, Wait holds it to the next step.</summary>
public interface IPermitPlugin : IPlugin
{
    /// <summary>Success, Wait, or a rejection.</summary>
    Status Permit(CycleState state, int node);
}
