using BbuPool.StatePlane.Redis;

namespace BbuPool.StatePlane.Tests;

/// <summary>A Redis ACL user is refused with the reason, before any connection is tried (1.2.6 cannot AUTH as one).</summary>
public sealed class RedisAclUserTests
{
    [Fact]
    public async Task UserOption_FailsWithTheReason_InsteadOfConnectingAsTheDefaultUser()
    {
        var e = await Assert.ThrowsAsync<NotSupportedException>(async () =>
            await RedisStatePlane.ConnectAsync(new StatePlaneOptions { Redis = "127.0.0.1:1", User = "pool-ctl", Password = "pw" }));
        Assert.Contains("pool-ctl", e.Message, StringComparison.Ordinal);
        Assert.Contains("1.2.6", e.Message, StringComparison.Ordinal);
        Assert.Contains("default", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw\"", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:1,user=pool-ctl,password=pw")]
    [InlineData("127.0.0.1:1, Username = pool-ctl")]
    public async Task UserInTheConnectionString_FailsWithTheReason(string redis)
    {
        var e = await Assert.ThrowsAsync<NotSupportedException>(async () =>
            await StatePlaneFactory.CreateAsync(new StatePlaneOptions { Redis = redis }));
        Assert.Contains("\"pool-ctl\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoUser_PassesTheCheck()
    {
        RedisStatePlane.RejectAclUser(new StatePlaneOptions { Redis = "127.0.0.1:1,password=pw,defaultDatabase=2" });
    }
}
