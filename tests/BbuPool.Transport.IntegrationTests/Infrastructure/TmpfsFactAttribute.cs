namespace BbuPool.Transport.IntegrationTests.Infrastructure;

/// <summary>A fact that mounts a tmpfs of its own (root); skipped with the reason otherwise. Probes by mounting one.</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "tmpfs is Linux's";
            return;
        }

        using var probe = TinyTmpfs.TryMount(64, out var reason);
        if (probe is null)
        {
            Skip = reason;
        }
    }
}
