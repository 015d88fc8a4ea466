namespace BbuPool.Migration.State;

/// <summary>Resolves an access to a page that has not arrived yet (the post-copy user-space fault path).</summary>
public interface IPageFaultHandler
{
    /// <summary>Blocks the faulting stack thread until <paramref name="page"/> is present, or throws when it never will be.</summary>
    void OnFault(int page);
}
