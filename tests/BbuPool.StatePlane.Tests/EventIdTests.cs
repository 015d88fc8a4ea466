namespace BbuPool.StatePlane.Tests;

public sealed class EventIdTests
{
    [Theory]
    [InlineData("5-0", "5-1", -1)]
    [InlineData("10-0", "9-99", 1)]
    [InlineData("7-3", "7-3", 0)]
    [InlineData("7", "7-0", 0)]
    public void Ids_CompareByMillisecondsThenSequence(string a, string b, int sign) =>
        Assert.Equal(sign, Math.Sign(EventId.Parse(a).CompareTo(EventId.Parse(b))));

    [Fact]
    public void EventTime_ComesFromTheId() =>
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123), new StateEvent("1700000000123-4", StateEventKind.PlanCommitted, "p", "").At);
}
