using BbuPool.Migration.Stacks;
using BbuPool.Migration.State;

namespace BbuPool.Migration.Tests.Stacks;

/// <summary>
/// A stack that writes nothing, so its region holds exactly what a test put there; it runs
/// <paramref name="onTti"/> (when given) inside each TTI, to make chosen TTIs slow.
/// </summary>
internal sealed class QuietStack(Action<long>? onTti = null) : IStack
{
    public string Name => "quiet";

    public bool Stateful => true;

    public double Throttle { get; set; }

    public void Initialize(PageRegion region)
    {
    }

    public ulong ProcessTti(in TtiInput input, PageRegion region)
    {
        onTti?.Invoke(input.Tti);
        return (ulong)input.Tti;
    }
}
